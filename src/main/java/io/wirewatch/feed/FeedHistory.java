package io.wirewatch.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a feed must remember across restarts: where to resume, and the gaps it could not fill. */
public interface FeedHistory {

    Optional<Long> cursor(String feed);

    void saveCursor(String feed, long cursor);

    void recordGap(FeedGap gap);

    /** Gaps that ended after {@code since}, newest first. */
    List<FeedGap> gapsSince(Instant since, int limit);

    /** Remembers nothing: for tests of the feed client alone. */
    FeedHistory NONE = new FeedHistory() {
        @Override
        public Optional<Long> cursor(String feed) {
            return Optional.empty();
        }

        @Override
        public void saveCursor(String feed, long cursor) {
        }

        @Override
        public void recordGap(FeedGap gap) {
        }

        @Override
        public List<FeedGap> gapsSince(Instant since, int limit) {
            return List.of();
        }
    };
}
