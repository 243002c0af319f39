package io.wirewatch.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Deletes stories past their retention (by age, test alerts sooner, and by count) on a schedule. */
final class AlertRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);

    private final AlertStore store;
    private final AlertProperties properties;
    private final Clock clock;
    private @Nullable ScheduledExecutorService executor;

    AlertRetention(AlertStore store, AlertProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Applies retention once; returns how many stories were deleted. */
    int applyNow() {
        Instant now = clock.instant();
        int deleted = store.deleteExpired(now.minus(properties.retention()), now.minus(properties.testRetention()),
                properties.retentionCount());
        if (deleted > 0) {
            log.info("Retention deleted {} stories", deleted);
        }
        return deleted;
    }

    private void applySafely() {
        try {
            applyNow();
        } catch (RuntimeException failure) {
            log.error("Retention failed; it runs again in {}", properties.retentionInterval(), failure);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        // Its own thread: a long delete must never delay deliveries to tabs.
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alert-retention").daemon().factory());
        long every = Math.max(1, properties.retentionInterval().toMillis());
        executor.scheduleWithFixedDelay(this::applySafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
