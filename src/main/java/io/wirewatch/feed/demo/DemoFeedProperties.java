package io.wirewatch.feed.demo;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded demo upstream ({@code wirewatch.demo-feed.*}).
 *
 * @param enabled      serve the demo feed and connect to it
 * @param token        the token clients must send in {@link DemoFeedHandshake#TOKEN_HEADER}; random per
 *                     run when unset (the app's own client always gets the right one)
 * @param interval     time between two alerts
 * @param burstChance  chance that an alert comes with 2-4 more at once
 * @param replayBuffer alerts kept for clients resuming with {@code ?since=}
 */
@Validated
@ConfigurationProperties("wirewatch.demo-feed")
public record DemoFeedProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String token,
        @DefaultValue("3s") Duration interval,
        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double burstChance,
        @DefaultValue("1000") @Min(1) int replayBuffer) {
}
