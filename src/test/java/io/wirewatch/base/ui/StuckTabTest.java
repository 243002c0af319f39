package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A tab whose browser stops reading its push socket, against the real server: its alerts wait in
 * its own bounded backlog, where the oldest are dropped and counted, instead of piling up in
 * memory, and a tab next to it that reads gets every alert.
 *
 * <p>The server's socket send buffers are made small here, so a stuck reader fills them after a few
 * kilobytes instead of the megabytes the kernel grants on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.alerts.store=memory",
        "wirewatch.alerts.tab-backlog=20"})
class StuckTabTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int ALERTS = 150;

    @TestConfiguration
    static class SmallSendBuffers {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
            return factory -> factory.addConnectorCustomizers(
                    connector -> connector.setProperty("socket.txBufSize", "4096"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    AlertBroadcaster broadcaster;

    @Test
    void a_tab_that_stops_reading_loses_its_oldest_alerts_counted_and_holds_up_no_other_tab() throws Exception {
        assumeTrue(PushConfiguration.writesOnPushingThread(), "pushes are written on Atmosphere's threads before Java 24");
        HttpClient http = VaadinTabClient.sharedHttpClient();
        String word = "stuck" + UUID.randomUUID().toString().substring(0, 8);
        // The stuck tab is not closed with the beacon: its pooled HTTP connection runs through the
        // frozen proxy too. Closing the proxy drops its connections, as a vanished browser would.
        try (StallingProxy proxy = new StallingProxy(new InetSocketAddress("127.0.0.1", port), 4096);
                VaadinTabClient reading = new VaadinTabClient(http, URI.create("http://127.0.0.1:" + port + "/"),
                        REQUEST_TIMEOUT)) {
            VaadinTabClient stuck = new VaadinTabClient(http, URI.create("http://127.0.0.1:" + proxy.port() + "/"),
                    REQUEST_TIMEOUT);
            reading.open("/?q=" + word);
            stuck.open("/?q=" + word);
            proxy.freeze();
            long droppedBefore = broadcaster.droppedCount();

            // 50 a second with 4 KB summaries: a reading tab takes them in a few pushes a second.
            Map<String, Long> sent = new LinkedHashMap<>();
            long next = System.nanoTime();
            for (int i = 0; i < ALERTS; i++) {
                Alert alert = alert(word, i);
                sent.put(alert.id(), System.nanoTime());
                broadcaster.publish(alert);
                next += Duration.ofMillis(20).toNanos();
                LockSupport.parkNanos(next - System.nanoTime());
            }

            Poll.until(Duration.ofSeconds(30), "the reading tab got every alert",
                    () -> reading.alertIdsSeen().containsAll(sent.keySet()));
            // A stuck write waits up to 5 s: had it held up others, their alerts would be that late.
            Map<String, VaadinTabClient.Arrival> arrivals = reading.alertsSeen();
            long slowestMillis = sent.entrySet().stream()
                    .mapToLong(entry -> (arrivals.get(entry.getKey()).nanoTime() - entry.getValue()) / 1_000_000)
                    .max().orElseThrow();
            assertThat(slowestMillis).as("ms from publish to the reading tab, slowest alert").isLessThan(2_000);
            Poll.until(Duration.ofSeconds(30), "the stuck tab's backlog overflowed and its oldest alerts were counted",
                    () -> broadcaster.droppedCount() > droppedBefore);
            long dropped = broadcaster.droppedCount() - droppedBefore;
            assertThat(dropped).as("only the stuck tab dropped, and not everything").isLessThan(ALERTS);
            assertThat(stuck.alertIdsSeen()).as("the stuck tab read nothing after it froze").isEmpty();
        }
    }

    private static Alert alert(String word, int i) {
        return TestAlerts.story("stuck-test", word + "-" + i, "x".repeat(4_000));
    }
}
