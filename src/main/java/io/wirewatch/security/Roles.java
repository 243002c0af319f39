package io.wirewatch.security;

/** The roles Wirewatch knows. Readers are anonymous unless {@code wirewatch.readers.require-login}. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String READER = "READER";

    private Roles() {
    }
}
