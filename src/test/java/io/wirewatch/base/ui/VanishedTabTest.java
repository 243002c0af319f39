package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.bench.VaadinTabClient;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.StallingProxy;
import io.wirewatch.testing.TestAlerts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tab whose browser vanished without the unload beacon (crash, lost network, sleep) is closed
 * once its heartbeats have stopped for 3.1 intervals, and its session ends; a tab beside it that
 * keeps sending heartbeats is left alone. Vaadin itself would close it only when another request
 * of the same session came, which from a vanished browser never does.
 *
 * <p>The heartbeat interval is 1 s here (60 s in the app), so the vanished tab is due after 3.1 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.alerts.store=memory",
        "wirewatch.readers.session-grace=1s",
        "vaadin.heartbeatInterval=1"})
class VanishedTabTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    AlertBroadcaster broadcaster;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_tab_without_heartbeats_is_closed_and_its_session_ended_while_a_tab_with_them_stays() throws Exception {
        HttpClient http = VaadinTabClient.sharedHttpClient();
        String word = "vanish" + UUID.randomUUID().toString().substring(0, 8);
        int subscribersBefore = broadcaster.subscriberCount();
        double sessionsBefore = openSessions();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (StallingProxy proxy = new StallingProxy(new InetSocketAddress("127.0.0.1", port));
                VaadinTabClient alive = new VaadinTabClient(http, URI.create("http://127.0.0.1:" + port + "/"),
                        REQUEST_TIMEOUT, Duration.ofMillis(500), heartbeats)) {
            alive.open("/?q=" + word);
            VaadinTabClient vanished = new VaadinTabClient(http, URI.create("http://127.0.0.1:" + proxy.port() + "/"),
                    REQUEST_TIMEOUT);
            vanished.open("/?q=" + word);
            assertThat(broadcaster.subscriberCount()).isEqualTo(subscribersBefore + 2);
            assertThat(openSessions()).isEqualTo(sessionsBefore + 2);

            // The browser is gone: its connections drop, and nothing more comes from it.
            proxy.freeze();
            proxy.close();

            Poll.until(Duration.ofSeconds(30), "the vanished tab's subscription ended",
                    () -> broadcaster.subscriberCount() == subscribersBefore + 1);
            Poll.until(Duration.ofSeconds(30), "the vanished tab's session ended",
                    () -> openSessions() == sessionsBefore + 1);

            Alert alert = TestAlerts.story("vanish-test", word, "");
            broadcaster.publish(alert);
            Poll.until(Duration.ofSeconds(10), "the tab that kept its heartbeats got the next alert",
                    () -> alive.alertIdsSeen().contains(alert.id()));
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private double openSessions() {
        return meters.get("wirewatch.sessions.open").gauge().value();
    }
}
