package io.wirewatch.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Admin accounts and limits ({@code wirewatch.admin.*}). No default credentials exist: without a
 * configured account the dev profile generates a password and logs it once; {@code prod} refuses to
 * start.
 *
 * @param users                {@code wirewatch.admin.users[0].username} / {@code .password-hash}
 * @param injectionsPerMinute  test alerts plus retractions one admin may send per minute (form and API)
 */
@Validated
@ConfigurationProperties("wirewatch.admin")
public record AdminProperties(
        @DefaultValue @Valid List<Account> users,
        @DefaultValue("20") @Min(1) int injectionsPerMinute) {
}
