package io.wirewatch.security;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reader access ({@code wirewatch.readers.*}): anonymous by default; with {@code require-login} the
 * news desk asks for an account, a reader's ({@code users[n]}) or an admin's.
 */
@Validated
@ConfigurationProperties("wirewatch.readers")
public record ReaderProperties(
        @DefaultValue("false") boolean requireLogin,
        @DefaultValue @Valid List<Account> users) {
}
