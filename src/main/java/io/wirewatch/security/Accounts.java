package io.wirewatch.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The accounts from configuration. Without an admin account: in the {@code prod} profile start-up
 * fails naming the property to set; otherwise one password is generated for user {@code admin} and
 * logged once at WARN, so a developer can sign in and nothing default ever ships.
 */
final class Accounts {

    static final String GENERATED_ADMIN = "admin";
    static final String MISSING_ADMIN_MESSAGE = "No admin account is configured. In the prod profile set "
            + "wirewatch.admin.users[0].username and wirewatch.admin.users[0].password-hash (a BCrypt hash, "
            + "e.g. from: htpasswd -bnBC 12 \"\" 'your-password' | tr -d ':').";

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private Accounts() {
    }

    static UserDetailsService from(AdminProperties admins, ReaderProperties readers, PasswordEncoder encoder,
            Environment environment) {
        List<UserDetails> users = new ArrayList<>();
        admins.users().forEach(account -> users.add(User.withUsername(account.username())
                .password(account.passwordHash()).roles(Roles.ADMIN).build()));
        readers.users().forEach(account -> users.add(User.withUsername(account.username())
                .password(account.passwordHash()).roles(Roles.READER).build()));
        if (admins.users().isEmpty()) {
            if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
                throw new IllegalStateException(MISSING_ADMIN_MESSAGE);
            }
            String password = randomPassword();
            users.add(User.withUsername(GENERATED_ADMIN).password(encoder.encode(password)).roles(Roles.ADMIN).build());
            log.warn("Generated admin password for user '{}': {}", GENERATED_ADMIN, password);
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new String(password);
    }
}
