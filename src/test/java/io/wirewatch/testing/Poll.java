package io.wirewatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking often; never a fixed sleep. */
public final class Poll {

    private Poll() {
    }

    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not true within " + deadline.toMillis() + " ms: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
        }
    }

    /** Like {@link #until} but shows the last value seen when the deadline passes. */
    public static <T> T until(Duration deadline, String what, Supplier<T> value, java.util.function.Predicate<T> test) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = value.get();
        while (!test.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not true within " + deadline.toMillis() + " ms: " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
            last = value.get();
        }
        return last;
    }
}
