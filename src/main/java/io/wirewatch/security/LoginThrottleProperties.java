package io.wirewatch.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling ({@code wirewatch.login.*}).
 *
 * @param maxFailures       failures for one account name within {@code window} before it is locked
 * @param window            how far back failures count
 * @param lockout           the first lock's length; each further lock lasts twice as long
 * @param maxLockout        no lock lasts longer
 * @param maxFailuresPerIp  failures from one client address within {@code window} before it is refused
 * @param trustedProxies    addresses whose {@code X-Forwarded-For} names the real client
 */
@Validated
@ConfigurationProperties("wirewatch.login")
public record LoginThrottleProperties(
        @DefaultValue("5") @Min(1) int maxFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("1h") Duration maxLockout,
        @DefaultValue("30") @Min(1) int maxFailuresPerIp,
        @DefaultValue List<String> trustedProxies) {
}
