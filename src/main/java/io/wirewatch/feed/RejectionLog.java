package io.wirewatch.feed;

import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs rejected frames at most once a minute per reason, with how many were dropped meanwhile. */
final class RejectionLog {

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);
    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final String feed;
    private final Map<RejectReason, long[]> lastAndCount = new EnumMap<>(RejectReason.class);

    RejectionLog(String feed) {
        this.feed = feed;
    }

    synchronized void rejected(RejectReason reason) {
        long now = System.nanoTime();
        long[] entry = lastAndCount.get(reason);
        if (entry == null) {
            lastAndCount.put(reason, new long[] {now, 0});
            log.warn("Feed '{}' dropped a frame with {}", feed, reason.description());
        } else if (now - entry[0] >= INTERVAL_NANOS) {
            log.warn("Feed '{}' dropped {} frames with {} in the last minute", feed, entry[1] + 1,
                    reason.description());
            entry[0] = now;
            entry[1] = 0;
        } else {
            entry[1]++;
        }
    }
}
