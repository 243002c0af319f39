package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * As wired in production: deliveries run on virtual threads, so a tab whose push write hangs
 * (a browser that stopped reading) holds up only itself, even with a single scheduling thread.
 */
class AlertBroadcasterIsolationTest {

    private static Alert alert(int n) {
        Instant now = Instant.now();
        return Alert.received("iso", "a" + n, AlertAction.CREATED, "Story " + n, "", null, Category.WORLD,
                Priority.NORMAL, List.of(), now, null, now, false);
    }

    @Test
    void a_listener_that_hangs_delays_no_other_subscriber_and_its_backlog_stays_bounded() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch hung = new CountDownLatch(1);
        try {
            AlertBroadcaster broadcaster = new AlertBroadcaster(scheduler, virtual, 100, Duration.ofMillis(20), 1);
            broadcaster.subscribe(delivery -> {
                try {
                    hung.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            List<String> healthy = new CopyOnWriteArrayList<>();
            broadcaster.subscribe(delivery -> delivery.alerts().forEach(alert -> healthy.add(alert.sourceId())));

            for (int round = 0; round < 15; round++) {
                for (int i = 0; i < 10; i++) {
                    broadcaster.publish(alert(round * 10 + i));
                }
                int expected = (round + 1) * 10;
                Poll.until(Duration.ofSeconds(5), "the healthy tab keeps up", () -> healthy.size() == expected);
            }

            assertThat(healthy).hasSize(150).doesNotHaveDuplicates();
            // The hung tab took its first batch, then at most 100 wait: the rest were dropped, not kept.
            assertThat(broadcaster.droppedCount()).isBetween(1L, 50L);
        } finally {
            hung.countDown();
            scheduler.shutdownNow();
            virtual.shutdownNow();
        }
    }
}
