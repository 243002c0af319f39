package io.wirewatch.feed;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: attempt {@code n} (from 0) waits a uniformly random time in
 * {@code [0, min(cap, base × 2^n)]}. The randomness spreads many clients' retries after an
 * upstream outage instead of having them all knock at once.
 */
public record ReconnectBackoff(Duration base, Duration cap, RandomGenerator random) {

    public ReconnectBackoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /** The longest wait attempt {@code n} may get. */
    public Duration ceiling(int attempt) {
        long baseNanos = base.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        long ceiling = shift >= Long.numberOfLeadingZeros(baseNanos) - 1 ? Long.MAX_VALUE : baseNanos << shift;
        return Duration.ofNanos(Math.min(ceiling, cap.toNanos()));
    }

    public Duration reconnectDelay(int attempt) {
        return Duration.ofNanos(random.nextLong(ceiling(attempt).toNanos() + 1));
    }
}
