package io.wirewatch.alert;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Fan-out and memory settings ({@code wirewatch.alerts.*}).
 *
 * @param store            where stories are kept: {@code jdbc} (the database, default) or {@code memory}
 * @param recentCapacity   stories kept with the {@code memory} store
 * @param retention        stories first seen longer ago are deleted
 * @param testRetention    the same for test alerts
 * @param retentionCount   at most this many stories are kept
 * @param retentionInterval how often retention runs
 * @param tabBacklog       alerts queued per tab before the oldest is dropped
 * @param minPushInterval  the average gap between two pushes to one tab, at least; bursts coalesce
 * @param pushBurst        pushes that may come back to back before that gap applies, so that alerts
 *                         no faster than the push rate are not held back by jitter
 * @param fanoutThreads    delivery threads; 0 means one per core
 */
@Validated
@ConfigurationProperties("wirewatch.alerts")
public record AlertProperties(
        @DefaultValue("jdbc") StoreType store,
        @DefaultValue("500") @Min(1) int recentCapacity,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1d") Duration testRetention,
        @DefaultValue("1000000") @Min(1) long retentionCount,
        @DefaultValue("10m") Duration retentionInterval,
        @DefaultValue("200") @Min(1) int tabBacklog,
        @DefaultValue("250ms") Duration minPushInterval,
        @DefaultValue("2") @Min(1) int pushBurst,
        @DefaultValue("0") @Min(0) int fanoutThreads) {

    public enum StoreType {
        JDBC, MEMORY
    }
}
