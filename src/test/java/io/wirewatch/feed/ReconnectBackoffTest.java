package io.wirewatch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconnectBackoffTest {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(30);

    private static ReconnectBackoff backoff(long seed) {
        return new ReconnectBackoff(BASE, CAP, new Random(seed));
    }

    @ParameterizedTest
    @CsvSource({"0, 500", "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000",
            "1000, 30000"})
    void the_ceiling_doubles_from_the_base_and_stops_at_the_cap(int attempt, long expectedMillis) {
        assertThat(backoff(1).ceiling(attempt)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void the_ceiling_does_not_overflow_for_huge_attempts() {
        ReconnectBackoff backoff = backoff(1);

        for (int attempt : new int[] {30, 31, 32, 33, 34, 35, 62, 63, 64, 65, 127, 1_000_000, Integer.MAX_VALUE}) {
            assertThat(backoff.ceiling(attempt)).as("attempt %d", attempt).isEqualTo(CAP);
        }
    }

    @Test
    void the_ceiling_never_shrinks_as_attempts_grow_even_with_a_very_high_cap() {
        ReconnectBackoff backoff = new ReconnectBackoff(BASE, Duration.ofDays(36_500), new Random(1));

        Duration previous = Duration.ZERO;
        for (int attempt = 0; attempt <= 200; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            assertThat(ceiling).as("attempt %d", attempt).isPositive().isGreaterThanOrEqualTo(previous)
                    .isLessThanOrEqualTo(Duration.ofDays(36_500));
            previous = ceiling;
        }
        assertThat(backoff.ceiling(200)).isEqualTo(Duration.ofDays(36_500));
    }

    @Test
    void a_one_nanosecond_base_doubles_up_to_two_to_the_61_without_overflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofNanos(1), Duration.ofDays(36_500), new Random(1));

        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofNanos(1024));
        assertThat(backoff.ceiling(61)).isEqualTo(Duration.ofNanos(1L << 61));
        assertThat(backoff.ceiling(62)).isEqualTo(Duration.ofDays(36_500));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(36_500));
    }

    @Test
    void a_negative_attempt_is_treated_as_the_first() {
        assertThat(backoff(1).ceiling(-1)).isEqualTo(BASE);
        assertThat(backoff(1).ceiling(Integer.MIN_VALUE)).isEqualTo(BASE);
    }

    @Test
    void every_delay_lies_between_zero_and_the_ceiling_of_its_attempt() {
        ReconnectBackoff backoff = backoff(42);

        for (int attempt = 0; attempt <= 40; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int sample = 0; sample < 500; sample++) {
                assertThat(backoff.reconnectDelay(attempt)).as("attempt %d", attempt)
                        .isBetween(Duration.ZERO, ceiling);
            }
        }
    }

    @Test
    void delays_for_huge_attempts_stay_within_the_cap() {
        ReconnectBackoff backoff = backoff(7);

        for (int sample = 0; sample < 1_000; sample++) {
            assertThat(backoff.reconnectDelay(Integer.MAX_VALUE)).isBetween(Duration.ZERO, CAP);
        }
    }

    @Test
    void delays_are_spread_over_the_whole_range_by_jitter() {
        ReconnectBackoff backoff = backoff(2025);
        long ceilingNanos = backoff.ceiling(5).toNanos();
        List<Duration> delays = new ArrayList<>();

        for (int sample = 0; sample < 1_000; sample++) {
            delays.add(backoff.reconnectDelay(5));
        }

        long min = delays.stream().mapToLong(Duration::toNanos).min().orElseThrow();
        long max = delays.stream().mapToLong(Duration::toNanos).max().orElseThrow();
        double mean = delays.stream().mapToLong(Duration::toNanos).average().orElseThrow();
        Set<Duration> distinct = new HashSet<>(delays);
        assertThat(min).isLessThan(ceilingNanos / 5);
        assertThat(max).isGreaterThan(ceilingNanos * 4 / 5);
        assertThat(distinct).hasSizeGreaterThan(100);
        assertThat(mean).as("uniform on [0, ceiling] averages about half of it")
                .isBetween(ceilingNanos * 0.4, ceilingNanos * 0.6);
    }

    @Test
    void the_same_seed_gives_the_same_delays() {
        ReconnectBackoff first = backoff(99);
        ReconnectBackoff second = backoff(99);

        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(first.reconnectDelay(attempt)).isEqualTo(second.reconnectDelay(attempt));
        }
    }

    @Test
    void a_base_equal_to_the_cap_is_allowed_and_never_grows() {
        ReconnectBackoff flat = new ReconnectBackoff(CAP, CAP, new Random(1));

        assertThat(flat.ceiling(0)).isEqualTo(CAP);
        assertThat(flat.ceiling(10)).isEqualTo(CAP);
    }

    @Test
    void a_zero_or_negative_base_is_refused() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, CAP, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofMillis(-1), CAP, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_cap_below_the_base_is_refused() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new ReconnectBackoff(Duration.ofNanos(1), Duration.ofNanos(1), new Random(1)))
                .doesNotThrowAnyException();
    }
}
