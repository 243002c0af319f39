package io.wirewatch.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Feed cursors and gaps in the application's database. */
final class JdbcFeedHistory implements FeedHistory {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcFeedHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Long> cursor(String feed) {
        return jdbc.sql("select cursor from feed_cursor where feed = :feed").param("feed", feed)
                .query(Long.class).optional();
    }

    @Override
    public void saveCursor(String feed, long cursor) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update feed_cursor set cursor = :cursor, updated_at = :now where feed = :feed")
                .param("cursor", cursor).param("now", now).param("feed", feed).update();
        if (updated == 0) {
            jdbc.sql("insert into feed_cursor (feed, cursor, updated_at) values (:feed, :cursor, :now)")
                    .param("feed", feed).param("cursor", cursor).param("now", now).update();
        }
    }

    @Override
    public void recordGap(FeedGap gap) {
        jdbc.sql("insert into feed_gap (feed, from_at, to_at, missed) values (:feed, :from, :to, :missed)")
                .param("feed", gap.feed())
                .param("from", gap.from().atOffset(ZoneOffset.UTC))
                .param("to", gap.to().atOffset(ZoneOffset.UTC))
                .param("missed", gap.missed())
                .update();
    }

    @Override
    public List<FeedGap> gapsSince(Instant since, int limit) {
        return jdbc.sql("select feed, from_at, to_at, missed from feed_gap where to_at > :since"
                        + " order by to_at desc limit :limit")
                .param("since", since.atOffset(ZoneOffset.UTC)).param("limit", limit)
                .query((rs, row) -> new FeedGap(rs.getString("feed"),
                        rs.getObject("from_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("to_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("missed") == null ? null : rs.getLong("missed")))
                .list();
    }
}
