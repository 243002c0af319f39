package io.wirewatch.feed;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one feed's health, for the status badge, the admin panel and metrics.
 *
 * @param nextAttemptAt when the next connection attempt is due, while {@link FeedState#RECONNECTING}
 * @param since         when the feed entered its current state
 */
public record FeedStatus(
        String feed,
        FeedState state,
        Instant since,
        @Nullable Instant lastMessageAt,
        long received,
        Map<RejectReason, Long> rejected,
        long reconnects,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        @Nullable Long cursor) {

    public FeedStatus {
        rejected = Map.copyOf(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
