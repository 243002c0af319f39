package io.wirewatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app stops in the middle of a stream from a replay-capable upstream and starts again on the
 * same database: it resumes from its stored cursor, and every alert the upstream sent is stored
 * exactly once.
 */
class RestartResumeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TOTAL = 120;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(TestUpstream upstream) {
        return new SpringApplicationBuilder(Application.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--wirewatch.demo-feed.enabled=false",
                "--wirewatch.feed.upstreams[0].name=replay",
                "--wirewatch.feed.upstreams[0].url=" + upstream.uri(),
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("wirewatch") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--wirewatch.admin.users[0].username=ops",
                "--wirewatch.admin.users[0].password-hash=$2a$10$abcdefghijklmnopqrstuu0123456789012345678901234567890");
    }

    private static long storedFromReplay(ConfigurableApplicationContext app) {
        return app.getBean(AlertService.class).newest(AlertQuery.ALL, 1_000).stream()
                .filter(alert -> alert.source().equals("replay")).count();
    }

    @Test
    void a_restart_mid_stream_resumes_from_the_stored_cursor_and_stores_every_alert_once() throws Exception {
        try (TestUpstream upstream = new TestUpstream()) {
            AtomicLong published = new AtomicLong();
            Runnable publishOne = () -> {
                long seq = published.incrementAndGet();
                upstream.publish(seq, TestUpstream.item(seq, "Replayed story " + seq, "markets"));
            };

            ConfigurableApplicationContext first = start(upstream);
            Poll.until(WAIT, "first instance connected", () -> upstream.openSessions() == 1);
            for (int i = 0; i < 40; i++) {
                publishOne.run();
            }
            Poll.until(WAIT, "first instance stored the first 40", () -> storedFromReplay(first) == 40);
            for (int i = 0; i < 10; i++) {
                publishOne.run();
            }
            first.close();

            // The upstream carries on while Wirewatch is down.
            while (published.get() < 90) {
                publishOne.run();
            }

            ConfigurableApplicationContext second = start(upstream);
            try {
                Poll.until(WAIT, "second instance connected", () -> upstream.openSessions() == 1);
                while (published.get() < TOTAL) {
                    publishOne.run();
                }
                Poll.until(WAIT, "every published alert stored", () -> storedFromReplay(second) == TOTAL);

                List<String> queries = upstream.connectQueries();
                assertThat(queries.getFirst()).isEmpty();
                assertThat(queries.getLast()).matches("since=\\d+");
                assertThat(Long.parseLong(queries.getLast().substring("since=".length()))).isBetween(40L, 50L);

                JdbcClient jdbc = JdbcClient.create(second.getBean(javax.sql.DataSource.class));
                List<String> storyIds = jdbc.sql("select source_id from alert where source = 'replay'")
                        .query(String.class).list();
                Set<String> expected = LongStream.rangeClosed(1, TOTAL).mapToObj(seq -> "s" + seq)
                        .collect(Collectors.toSet());
                assertThat(storyIds).hasSize(TOTAL).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(second.getBean(AlertService.class).find("replay:s45"))
                        .map(Alert::headline).contains("Replayed story 45");
            } finally {
                second.close();
            }
        }
        assertThat(Files.exists(dataDir.resolve("wirewatch.mv.db"))).isTrue();
    }
}
