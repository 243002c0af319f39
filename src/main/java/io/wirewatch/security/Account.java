package io.wirewatch.security;

import jakarta.validation.constraints.NotBlank;

/**
 * One configured account: a user name and the BCrypt hash of its password (for example from
 * {@code htpasswd -bnBC 12 "" 'secret' | tr -d ':'}). Passwords are never configured in clear.
 */
public record Account(@NotBlank String username, @NotBlank String passwordHash) {

    @Override
    public String toString() {
        return "Account[" + username + "]";
    }
}
