package io.wirewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The login throttle against a clock the test moves, and the client address it keys on. */
class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final String HOME = "192.0.2.10";
    private static final String ELSEWHERE = "198.51.100.20";

    /** The defaults: 5 failures in 15 min lock for 1 min, doubling up to 1 h; 30 failures per address. */
    private static final LoginThrottleProperties DEFAULTS = new LoginThrottleProperties(5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofHours(1), 30, List.of());

    private final MutableClock clock = new MutableClock(T0);
    private final LoginThrottle throttle = new LoginThrottle(DEFAULTS, clock);

    /** A clock that stands still until the test moves it. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, address);
        }
    }

    // --- one account --------------------------------------------------------------------------------

    @Test
    void five_failures_within_fifteen_minutes_lock_the_account() {
        throttle.failed("ops", HOME);
        for (int i = 1; i < 5; i++) {
            clock.advance(Duration.ofMinutes(3));
            throttle.failed("ops", HOME);
        }

        assertThat(throttle.permits("ops", HOME)).isFalse();
        assertThat(throttle.permits("ops", ELSEWHERE)).as("the lock is on the account, from anywhere").isFalse();
        assertThat(throttle.permits("someone-else", HOME)).as("other accounts can still sign in").isTrue();
    }

    @Test
    void four_failures_do_not_lock_the_account() {
        fail("ops", HOME, 4);

        assertThat(throttle.permits("ops", HOME)).isTrue();
    }

    @Test
    void failures_older_than_the_window_do_not_count() {
        fail("ops", HOME, 4);
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        throttle.failed("ops", HOME);

        assertThat(throttle.permits("ops", HOME)).isTrue();
        fail("ops", HOME, 3);
        assertThat(throttle.permits("ops", HOME)).as("four recent failures").isTrue();
        throttle.failed("ops", HOME);
        assertThat(throttle.permits("ops", HOME)).as("five recent failures").isFalse();
    }

    @Test
    void the_first_lock_lasts_one_minute_and_then_the_account_may_try_again() {
        fail("ops", HOME, 5);

        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.permits("ops", HOME)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.permits("ops", HOME)).isTrue();
    }

    @Test
    void the_lock_doubles_each_time_up_to_one_hour() {
        List<Duration> expected = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1),
                Duration.ofHours(1));
        int round = 0;
        for (Duration lock : expected) {
            // A fresh address per round, so that only the account's lock is measured.
            String address = "203.0.113." + (++round);
            fail("ops", address, 5);

            clock.advance(lock.minusSeconds(1));
            assertThat(throttle.permits("ops", address)).as("lock %d still on after %s", round, lock.minusSeconds(1))
                    .isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(throttle.permits("ops", address)).as("lock %d over after %s", round, lock).isTrue();
        }
    }

    @Test
    void known_and_unknown_user_names_are_throttled_alike() {
        // The throttle does not know which names exist, so a lockout cannot tell a guesser either.
        fail("ops", HOME, 4);
        fail("no-such-user", HOME, 4);
        assertThat(throttle.permits("ops", HOME)).isTrue();
        assertThat(throttle.permits("no-such-user", HOME)).isTrue();

        throttle.failed("ops", HOME);
        throttle.failed("no-such-user", HOME);
        assertThat(throttle.permits("ops", HOME)).isFalse();
        assertThat(throttle.permits("no-such-user", HOME)).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.permits("ops", HOME)).isTrue();
        assertThat(throttle.permits("no-such-user", HOME)).isTrue();
    }

    @Test
    void user_names_match_whatever_their_case_and_surrounding_spaces() {
        throttle.failed("Ops", HOME);
        throttle.failed("OPS", HOME);
        throttle.failed("ops", HOME);
        throttle.failed(" oPs ", HOME);
        throttle.failed("ops", HOME);

        assertThat(throttle.permits("ops", HOME)).isFalse();
        assertThat(throttle.permits("OPS", HOME)).isFalse();
    }

    @Test
    void a_successful_sign_in_forgets_the_failures() {
        fail("ops", HOME, 4);

        throttle.succeeded("OPS");

        fail("ops", HOME, 4);
        assertThat(throttle.permits("ops", HOME)).as("four failures since the success").isTrue();
    }

    @Test
    void a_successful_sign_in_resets_the_lock_length_to_one_minute() {
        fail("ops", HOME, 5);
        clock.advance(Duration.ofMinutes(1));
        fail("ops", HOME, 5);
        clock.advance(Duration.ofMinutes(2));

        throttle.succeeded("ops");

        fail("ops", HOME, 5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.permits("ops", HOME)).as("back to the first, one-minute lock").isTrue();
    }

    // --- one address --------------------------------------------------------------------------------

    @Test
    void thirty_failures_from_one_address_across_many_names_refuse_that_address_for_any_name() {
        for (int i = 0; i < 29; i++) {
            throttle.failed("guess-" + i, HOME);
        }
        assertThat(throttle.permits("ops", HOME)).as("29 failures").isTrue();

        throttle.failed("guess-29", HOME);

        assertThat(throttle.permits("ops", HOME)).isFalse();
        assertThat(throttle.permits("never-tried", HOME)).isFalse();
        assertThat(throttle.permits("ops", ELSEWHERE)).as("other addresses are unaffected").isTrue();
        assertThat(throttle.permits("guess-0", ELSEWHERE)).as("no single name was locked").isTrue();
    }

    @Test
    void failures_from_an_address_age_out_of_the_window() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("guess-" + i, HOME);
        }
        assertThat(throttle.permits("ops", HOME)).isFalse();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(throttle.permits("ops", HOME)).isTrue();
    }

    @Test
    void a_success_does_not_clear_the_address_budget() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("guess-" + i, HOME);
        }

        throttle.succeeded("ops");

        assertThat(throttle.permits("ops", HOME)).isFalse();
    }

    // --- client address -----------------------------------------------------------------------------

    @Test
    void x_forwarded_for_from_an_untrusted_client_is_ignored() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.1"));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.50");
        request.addHeader("X-Forwarded-For", "198.51.100.1");

        assertThat(address.of(request)).isEqualTo("203.0.113.50");
    }

    @Test
    void x_forwarded_for_is_ignored_when_no_proxy_is_trusted() {
        ClientAddress address = new ClientAddress(List.of());
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.1");
        request.addHeader("X-Forwarded-For", "198.51.100.1");

        assertThat(address.of(request)).isEqualTo("10.0.0.1");
    }

    @Test
    void a_trusted_proxy_names_the_client_as_the_rightmost_hop_that_is_not_a_proxy() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.1", "10.0.0.2"));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.1");
        // The client wrote "1.2.3.4" itself; the proxies appended the address they saw and each other.
        request.addHeader("X-Forwarded-For", "1.2.3.4, 203.0.113.7, 10.0.0.2");

        assertThat(address.of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void a_request_through_a_trusted_proxy_without_x_forwarded_for_is_the_proxy() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.1"));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.1");

        assertThat(address.of(request)).isEqualTo("10.0.0.1");
    }
}
