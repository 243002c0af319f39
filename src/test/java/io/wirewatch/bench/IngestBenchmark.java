package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.AlertStore;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.IngestOutcome;
import io.wirewatch.alert.JdbcAlertStore;
import io.wirewatch.alert.Priority;
import io.wirewatch.alert.RecentAlertStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingest throughput with no tabs: alerts through {@link AlertService} (dedupe, store, broadcast)
 * into an H2 file database as the app uses by default, and into the memory store; one alert per
 * {@link AlertService#ingest} call, and frames of {@value #FRAME} per {@link AlertService#ingestAll}
 * call, as a busy feed delivers them. A measurement, not a test: it runs only with
 * {@code ./mvnw -Pbench test} and writes {@code target/bench/ingest.md}. Its assertions check that
 * every alert was stored, not speed.
 */
@Tag("benchmark")
class IngestBenchmark {

    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 50_000;
    /** Alerts per {@code ingestAll} call in the batched runs. */
    private static final int FRAME = 50;

    @TempDir
    Path dataDir;

    private static List<Alert> alerts(String source, int count) {
        Instant base = Instant.parse("2026-11-27T08:00:00Z");
        List<Alert> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = base.plusMillis(i);
            alerts.add(Alert.received(source, "b" + i, AlertAction.CREATED, "Benchmark headline number " + i,
                    "A summary of reasonable length for alert " + i + ", as a wire service would send it.", null,
                    Category.KNOWN.get(i % Category.KNOWN.size()), Priority.NORMAL, List.of("BNCH"), at, null, at,
                    false));
        }
        return alerts;
    }

    /** Ingests the alerts {@code perCall} at a time: one by {@code ingest}, more by {@code ingestAll}. */
    private static double perSecond(AlertService service, List<Alert> alerts, int perCall) {
        long start = System.nanoTime();
        for (int from = 0; from < alerts.size(); from += perCall) {
            if (perCall == 1) {
                Alert alert = alerts.get(from);
                if (service.ingest(alert) != IngestOutcome.CREATED) {
                    throw new IllegalStateException("not stored: " + alert.id());
                }
            } else {
                List<Alert> frame = alerts.subList(from, Math.min(alerts.size(), from + perCall));
                List<IngestOutcome> outcomes = service.ingestAll(frame);
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) != IngestOutcome.CREATED) {
                        throw new IllegalStateException("not stored: " + frame.get(i).id());
                    }
                }
            }
        }
        return alerts.size() / (Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e9);
    }

    private static double measure(AlertStore store, int perCall) {
        ScheduledThreadPoolExecutor fanout = new ScheduledThreadPoolExecutor(2);
        try {
            AlertService service = new AlertService(store, new AlertBroadcaster(fanout, 200, Duration.ofMillis(250)),
                    Clock.systemUTC());
            perSecond(service, alerts("warmup", WARM_UP), perCall);
            double rate = perSecond(service, alerts("measured", MEASURED), perCall);
            assertThat(service.find("measured:b" + (MEASURED - 1))).isPresent();
            return rate;
        } finally {
            fanout.shutdownNow();
        }
    }

    /** A fresh H2 file database for each run, so that no run inherits another's rows. */
    private double measureH2(int perCall) {
        // Pooled, as in the app: an unpooled H2 file database would reopen the file per statement.
        try (HikariDataSource h2 = new HikariDataSource()) {
            h2.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("bench-" + perCall) + ";DB_CLOSE_ON_EXIT=FALSE");
            h2.setUsername("sa");
            Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
            double rate = measure(new JdbcAlertStore(h2), perCall);
            assertThat(JdbcClient.create(h2).sql("select count(*) from alert").query(Long.class).single())
                    .isEqualTo(WARM_UP + MEASURED);
            return rate;
        }
    }

    @Test
    void ingest_throughput_without_tabs() throws Exception {
        double h2Single = measureH2(1);
        double h2Frames = measureH2(FRAME);
        double memorySingle = measure(new RecentAlertStore(WARM_UP + MEASURED), 1);
        double memoryFrames = measure(new RecentAlertStore(WARM_UP + MEASURED), FRAME);

        String report = """
                # Ingest throughput (no tabs)

                %d alerts after %d warm-up, one thread, through AlertService (dedupe + store + broadcast):
                one alert per `ingest` call, and frames of %d alerts per `ingestAll` call (one lookup and one
                transaction per frame).

                | store | alerts per call | alerts/s |
                |---|---|---|
                | H2 file (the default) | 1 | %.0f |
                | H2 file (the default) | %d | %.0f |
                | memory | 1 | %.0f |
                | memory | %d | %.0f |

                Machine: %d cores, Java %s.
                """.formatted(MEASURED, WARM_UP, FRAME, h2Single, FRAME, h2Frames, memorySingle, FRAME, memoryFrames,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path out = Path.of("target", "bench", "ingest.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }
}
