package io.wirewatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Databases;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void entries_come_back_newest_first_with_every_field(Databases database) {
        AuditTrail trail = new AuditTrail(JdbcClient.create(database.migrated()));
        AuditEntry injected = new AuditEntry(T0, "alice", AuditEntry.Action.INJECTED, "admin-test:1",
                "Drill: markets halted — «test» ✓", "form");
        AuditEntry viaApi = new AuditEntry(T0.plusSeconds(5), "bob", AuditEntry.Action.INJECTED, "admin-test:2",
                "Second drill", "api");
        AuditEntry retracted = new AuditEntry(T0.plusSeconds(60), "alice", AuditEntry.Action.RETRACTED,
                "admin-test:1", "Drill: markets halted — «test» ✓", "form");

        trail.record(injected);
        trail.record(viaApi);
        trail.record(retracted);

        assertThat(trail.newest(10)).containsExactly(retracted, viaApi, injected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void newest_returns_at_most_the_limit_and_orders_by_recording_not_by_time(Databases database) {
        AuditTrail trail = new AuditTrail(JdbcClient.create(database.migrated()));
        for (int i = 1; i <= 5; i++) {
            // Times go backwards: the trail is in the order the actions were recorded.
            trail.record(new AuditEntry(T0.minusSeconds(i), "alice", AuditEntry.Action.INJECTED, "admin-test:" + i,
                    "Drill " + i, "api"));
        }

        assertThat(trail.newest(2)).extracting(AuditEntry::alertId).containsExactly("admin-test:5", "admin-test:4");
        assertThat(trail.newest(100)).hasSize(5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void an_empty_trail_has_no_entries(Databases database) {
        AuditTrail trail = new AuditTrail(JdbcClient.create(database.migrated()));

        assertThat(trail.newest(10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void the_time_is_kept_to_the_microsecond(Databases database) {
        AuditTrail trail = new AuditTrail(JdbcClient.create(database.migrated()));
        Instant at = Instant.parse("2025-12-31T23:59:59.999999Z");

        trail.record(new AuditEntry(at, "alice", AuditEntry.Action.RETRACTED, "admin-test:9", "Late drill", "api"));

        assertThat(trail.newest(1)).singleElement().extracting(AuditEntry::at).isEqualTo(at);
    }
}
