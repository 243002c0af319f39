package io.wirewatch.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password guessing. An account name (known or not, so lockouts reveal nothing) with
 * {@code maxFailures} failures inside the window is refused for a lockout that doubles each time,
 * up to the maximum; a client address with {@code maxFailuresPerIp} failures inside the window is
 * refused until they age out (password spraying tries many names from one place).
 */
public final class LoginThrottle {

    /** Bounds memory against floods of made-up names or addresses; the stalest entries go first. */
    static final int MAX_TRACKED = 10_000;

    private final LoginThrottleProperties properties;
    private final Clock clock;
    private final Map<String, AccountRecord> accounts = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, ArrayDeque<Instant>> addresses = new LinkedHashMap<>(16, 0.75f, true);

    private static final class AccountRecord {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
        int lockouts;
    }

    public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether an attempt for this account from this address may be checked at all. */
    public synchronized boolean permits(String username, String address) {
        Instant now = clock.instant();
        AccountRecord account = accounts.get(key(username));
        if (account != null && now.isBefore(account.lockedUntil)) {
            return false;
        }
        ArrayDeque<Instant> fromAddress = addresses.get(address);
        return fromAddress == null || recent(fromAddress, now) < properties.maxFailuresPerIp();
    }

    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        AccountRecord account = accounts.computeIfAbsent(key(username), ignored -> new AccountRecord());
        account.failures.addLast(now);
        if (recent(account.failures, now) >= properties.maxFailures()) {
            account.lockedUntil = now.plus(lockoutFor(account.lockouts));
            account.lockouts++;
            account.failures.clear();
        }
        ArrayDeque<Instant> fromAddress = addresses.computeIfAbsent(address, ignored -> new ArrayDeque<>());
        fromAddress.addLast(now);
        recent(fromAddress, now);
        trim(accounts);
        trim(addresses);
    }

    public synchronized void succeeded(String username) {
        accounts.remove(key(username));
    }

    /** The n-th lockout (from 0) lasts {@code lockout × 2^n}, at most {@code maxLockout}. */
    Duration lockoutFor(int previousLockouts) {
        Duration lock = properties.lockout();
        for (int i = 0; i < previousLockouts && lock.compareTo(properties.maxLockout()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lock;
    }

    private int recent(ArrayDeque<Instant> failures, Instant now) {
        Instant horizon = now.minus(properties.window());
        while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
            failures.pollFirst();
        }
        return failures.size();
    }

    private static void trim(Map<String, ?> tracked) {
        Iterator<String> stalest = tracked.keySet().iterator();
        while (tracked.size() > MAX_TRACKED && stalest.hasNext()) {
            stalest.next();
            stalest.remove();
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
