package io.wirewatch.alert;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Fan-out and memory settings ({@code wirewatch.alerts.*}).
 *
 * @param recentCapacity   stories kept in memory for new tabs
 * @param tabBacklog       alerts queued per tab before the oldest is dropped
 * @param minPushInterval  the shortest gap between two pushes to one tab; bursts coalesce
 * @param fanoutThreads    delivery threads; 0 means one per core
 */
@Validated
@ConfigurationProperties("wirewatch.alerts")
public record AlertProperties(
        @DefaultValue("500") @Min(1) int recentCapacity,
        @DefaultValue("200") @Min(1) int tabBacklog,
        @DefaultValue("250ms") Duration minPushInterval,
        @DefaultValue("0") @Min(0) int fanoutThreads) {
}
