package io.wirewatch.admin;

import java.time.Instant;

/** One admin action: who did what to which alert, when, and through which channel. */
public record AuditEntry(Instant at, String actor, Action action, String alertId, String headline, String channel) {

    public enum Action {
        INJECTED, RETRACTED
    }
}
