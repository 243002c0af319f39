package io.wirewatch.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait: check a condition often until it holds or a deadline passes. Nothing
 * waits a fixed time; a condition that holds at once costs no wait at all.
 */
public final class Poll {

    /** How long to yield between two checks: often enough for latency tests, light on two cores. */
    private static final long CHECK_EVERY_NANOS = Duration.ofMillis(5).toNanos();

    private Poll() {
    }

    /** True as soon as the condition holds; false if the deadline passes first. */
    public static boolean within(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while polling");
            }
        }
        return true;
    }

    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        if (!within(deadline, condition)) {
            throw new AssertionError("Not true within " + deadline.toMillis() + " ms: " + what);
        }
    }

    /** Like {@link #until} but returns the value that passed, and shows the last one seen on failure. */
    public static <T> T until(Duration deadline, String what, Supplier<T> value, Predicate<T> test) {
        AtomicReference<T> last = new AtomicReference<>();
        boolean passed = within(deadline, () -> {
            last.set(value.get());
            return test.test(last.get());
        });
        if (!passed) {
            throw new AssertionError("Not true within " + deadline.toMillis() + " ms: " + what
                    + "; last seen: " + last.get());
        }
        return last.get();
    }
}
