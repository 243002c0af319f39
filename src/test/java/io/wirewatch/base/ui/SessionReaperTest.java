package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.wirewatch.bench.VaadinTabClient;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Simulated browser tabs against the real server: a reader's session ends soon after its last tab
 * closes, not half an hour later, and a session with another tab still open is kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.readers.session-grace=1s"})
class SessionReaperTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private double openSessions() {
        return meters.get("wirewatch.sessions.open").gauge().value();
    }

    private VaadinTabClient tab(HttpClient http) {
        return new VaadinTabClient(http, URI.create("http://127.0.0.1:" + port + "/"), REQUEST_TIMEOUT);
    }

    @Test
    void a_session_ends_after_its_last_tab_closes_and_not_while_another_tab_is_open() throws Exception {
        HttpClient http = VaadinTabClient.sharedHttpClient();
        double before = openSessions();

        VaadinTabClient first = tab(http);
        first.open("/");
        VaadinTabClient second = tab(http).sameSessionAs(first);
        second.open("/?category=markets");
        assertThat(openSessions()).as("two tabs of one browser share a session").isEqualTo(before + 1);

        first.close();
        assertThat(Poll.within(Duration.ofSeconds(3), () -> openSessions() < before + 1))
                .as("the session outlives one of its tabs while the other is open").isFalse();

        second.close();
        Poll.until(Duration.ofSeconds(10), "the session ended after its last tab closed",
                () -> openSessions() == before);
    }
}
