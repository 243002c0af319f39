package io.wirewatch.alert;

import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans every accepted alert out to every subscriber (one per browser tab).
 *
 * <p>{@link #publish} only queues: it runs on the ingesting thread (a feed socket), so it must never
 * wait for a reader. Each subscription has a bounded backlog; when it overflows the oldest alert is
 * dropped and counted, and the subscriber is told how many it missed. Deliveries run on the given
 * executor, on average at most one per {@code minInterval} per subscriber, with room for
 * {@code burst} of them back to back (a token bucket, kept as the time the bucket will be full
 * again). A burst of alerts arrives as few batches, which the view turns into one
 * {@code ui.access} and one push each; a stream no faster than the push rate is never held back,
 * even when its alerts come a little early or late.
 */
public final class AlertBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(AlertBroadcaster.class);

    /** What one subscriber is handed: alerts in arrival order, and how many were dropped before them. */
    public record Delivery(List<Alert> alerts, long skipped) {
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;
    private final Executor listenerRunner;
    private final int backlogLimit;
    private final long minIntervalNanos;
    /** How far ahead of its even spacing a delivery may come: room for {@code burst - 1} early ones. */
    private final long toleranceNanos;
    private final AtomicLong dropped = new AtomicLong();

    /** Listeners run on the scheduling threads themselves: for listeners that never block. */
    public AlertBroadcaster(ScheduledExecutorService executor, int backlogLimit, Duration minInterval) {
        this(executor, Runnable::run, backlogLimit, minInterval, 1);
    }

    /**
     * @param executor       times the deliveries (coalescing)
     * @param listenerRunner runs each delivery; with virtual threads, a listener that waits for a
     *                       busy tab holds up only that tab, not a pool thread everyone needs
     * @param minInterval    the average gap between deliveries to one subscriber, at least
     * @param burst          how many deliveries may come back to back before that gap applies
     */
    public AlertBroadcaster(ScheduledExecutorService executor, Executor listenerRunner, int backlogLimit,
            Duration minInterval, int burst) {
        if (backlogLimit < 1) {
            throw new IllegalArgumentException("backlog limit must be positive");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        this.executor = executor;
        this.listenerRunner = listenerRunner;
        this.backlogLimit = backlogLimit;
        this.minIntervalNanos = minInterval.toNanos();
        this.toleranceNanos = (burst - 1) * minIntervalNanos;
    }

    public Registration subscribe(Consumer<Delivery> listener) {
        Subscription subscription = new Subscription(listener);
        subscriptions.add(subscription);
        return subscription::close;
    }

    public void publish(Alert alert) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(alert);
        }
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    /** Alerts dropped from overflowing backlogs since start, over all subscribers. */
    public long droppedCount() {
        return dropped.get();
    }

    private final class Subscription {

        private final Consumer<Delivery> listener;
        private final ArrayDeque<Alert> backlog = new ArrayDeque<>();
        private long skipped;
        private boolean scheduled;
        private boolean closed;
        /** When the bucket is full again: each delivery moves it one interval on from max(it, now). */
        private long fullAtNanos = System.nanoTime();

        Subscription(Consumer<Delivery> listener) {
            this.listener = listener;
        }

        void offer(Alert alert) {
            long delayNanos;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (backlog.size() == backlogLimit) {
                    backlog.pollFirst();
                    skipped++;
                    dropped.incrementAndGet();
                }
                backlog.addLast(alert);
                if (scheduled) {
                    return;
                }
                scheduled = true;
                delayNanos = delayFrom(System.nanoTime());
            }
            schedule(delayNanos);
        }

        /**
         * Hands the backlog over as one batch. {@code scheduled} stays set while the listener runs,
         * so one subscriber is never called on two threads at once and batches keep their order.
         */
        private void deliver() {
            Delivery delivery;
            synchronized (this) {
                fullAtNanos = Math.max(fullAtNanos, System.nanoTime()) + minIntervalNanos;
                if (closed || backlog.isEmpty()) {
                    scheduled = false;
                    return;
                }
                delivery = new Delivery(List.copyOf(backlog), skipped);
                backlog.clear();
                skipped = 0;
            }
            try {
                listener.accept(delivery);
            } catch (RuntimeException failure) {
                log.error("Alert subscriber failed; it stays subscribed", failure);
            }
            long delayNanos;
            synchronized (this) {
                if (closed || backlog.isEmpty()) {
                    scheduled = false;
                    return;
                }
                delayNanos = delayFrom(System.nanoTime());
            }
            schedule(delayNanos);
        }

        /** How long the next delivery must wait for a token; caller holds the lock. */
        private long delayFrom(long nowNanos) {
            return Math.max(0, fullAtNanos - toleranceNanos - nowNanos);
        }

        private void schedule(long delayNanos) {
            try {
                executor.schedule(this::handOver, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                close();
            }
        }

        private void handOver() {
            try {
                listenerRunner.execute(this::deliver);
            } catch (RejectedExecutionException shuttingDown) {
                close();
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
                backlog.clear();
            }
            subscriptions.remove(this);
        }
    }
}
