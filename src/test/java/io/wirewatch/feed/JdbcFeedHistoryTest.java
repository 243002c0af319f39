package io.wirewatch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Databases;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcFeedHistoryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.654321Z");

    private static JdbcFeedHistory history(JdbcClient jdbc) {
        return new JdbcFeedHistory(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // --- cursor -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_feed_that_never_saved_a_cursor_has_none(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));

        assertThat(history.cursor("reuters")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_saved_cursor_is_read_back_with_the_time_it_was_saved(Databases database) {
        JdbcClient jdbc = JdbcClient.create(database.migrated());
        FeedHistory history = history(jdbc);

        history.saveCursor("reuters", 42L);

        assertThat(history.cursor("reuters")).contains(42L);
        assertThat(jdbc.sql("select updated_at from feed_cursor where feed = 'reuters'").query(OffsetDateTime.class)
                .single().toInstant()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void saving_again_overwrites_the_cursor_in_the_same_row(Databases database) {
        JdbcClient jdbc = JdbcClient.create(database.migrated());
        FeedHistory history = history(jdbc);
        history.saveCursor("reuters", 42L);

        history.saveCursor("reuters", 9_000_000_000L);

        assertThat(history.cursor("reuters")).contains(9_000_000_000L);
        assertThat(jdbc.sql("select count(*) from feed_cursor").query(Long.class).single()).isEqualTo(1L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void each_feed_keeps_its_own_cursor(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));

        history.saveCursor("reuters", 7L);
        history.saveCursor("ap", 3L);
        history.saveCursor("reuters", 8L);

        assertThat(history.cursor("reuters")).contains(8L);
        assertThat(history.cursor("ap")).contains(3L);
        assertThat(history.cursor("afp")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_cursor_survives_a_new_history_on_the_same_database(Databases database) {
        JdbcClient jdbc = JdbcClient.create(database.migrated());
        history(jdbc).saveCursor("reuters", 42L);

        assertThat(history(jdbc).cursor("reuters")).contains(42L);
    }

    // --- gaps ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_recorded_gap_comes_back_with_every_field(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));
        FeedGap counted = new FeedGap("reuters", T0.plusNanos(123_456_000), T0.plusSeconds(90), 17L);
        FeedGap uncounted = new FeedGap("ap", T0.plusSeconds(100), T0.plusSeconds(200), null);

        history.recordGap(counted);
        history.recordGap(uncounted);

        assertThat(history.gapsSince(T0.minusSeconds(1), 10)).containsExactly(uncounted, counted);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void gaps_since_lists_only_gaps_that_ended_after_the_time_newest_end_first(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));
        FeedGap longAgo = new FeedGap("reuters", T0.minusSeconds(7200), T0.minusSeconds(3600), 5L);
        FeedGap endedAtSince = new FeedGap("reuters", T0.minusSeconds(60), T0, 1L);
        // Started before `since` but ended after it: it still counts.
        FeedGap straddling = new FeedGap("ap", T0.minusSeconds(30), T0.plusSeconds(30), null);
        FeedGap recent = new FeedGap("reuters", T0.plusSeconds(600), T0.plusSeconds(660), 0L);
        // Recorded in an order that is not the order of their ends.
        history.recordGap(recent);
        history.recordGap(longAgo);
        history.recordGap(straddling);
        history.recordGap(endedAtSince);

        assertThat(history.gapsSince(T0, 10)).containsExactly(recent, straddling);
        assertThat(history.gapsSince(T0.minusSeconds(1), 10)).containsExactly(recent, straddling, endedAtSince);
        assertThat(history.gapsSince(T0.minusSeconds(86_400), 10))
                .containsExactly(recent, straddling, endedAtSince, longAgo);
        assertThat(history.gapsSince(T0.plusSeconds(660), 10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void gaps_since_returns_at_most_the_limit_newest_first(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));
        for (int i = 1; i <= 5; i++) {
            history.recordGap(new FeedGap("reuters", T0.plusSeconds(i * 100L), T0.plusSeconds(i * 100L + 10), (long) i));
        }

        assertThat(history.gapsSince(T0, 2)).extracting(FeedGap::missed).containsExactly(5L, 4L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void no_gaps_recorded_means_none_listed(Databases database) {
        FeedHistory history = history(JdbcClient.create(database.migrated()));

        assertThat(history.gapsSince(Instant.EPOCH, 10)).isEmpty();
    }
}
