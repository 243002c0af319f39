package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Alert story(String id, Instant at, boolean test) {
        return Alert.received("feed", id, AlertAction.CREATED, "Story " + id, "", null, Category.WORLD,
                Priority.NORMAL, List.of(), at, null, at, test);
    }

    @Test
    void retention_deletes_by_age_test_alerts_sooner_and_keeps_at_most_the_count() {
        RecentAlertStore store = new RecentAlertStore(100);
        store.save(story("old", NOW.minus(Duration.ofDays(31)), false));
        store.save(story("month", NOW.minus(Duration.ofDays(29)), false));
        store.save(story("old-test", NOW.minus(Duration.ofHours(25)), true));
        store.save(story("new-test", NOW.minus(Duration.ofHours(1)), true));
        for (int i = 0; i < 3; i++) {
            store.save(story("fresh" + i, NOW.minusSeconds(10 - i), false));
        }
        AlertProperties properties = new AlertProperties(AlertProperties.StoreType.MEMORY, 100, Duration.ofDays(30),
                Duration.ofDays(1), 4, Duration.ofMinutes(10), 200, Duration.ofMillis(250), 2, 1);

        int deleted = new AlertRetention(store, properties, Clock.fixed(NOW, ZoneOffset.UTC)).applyNow();

        assertThat(deleted).isEqualTo(3);
        assertThat(store.newest(AlertQuery.ALL, 100)).extracting(Alert::sourceId)
                .containsExactly("fresh2", "fresh1", "fresh0", "new-test");
    }
}
