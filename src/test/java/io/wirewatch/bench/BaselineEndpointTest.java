package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's bare WebSocket baseline: same broadcaster, same alerts, plain JSON. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1", "wirewatch.demo-feed.enabled=false"})
@ActiveProfiles("bench")
class BaselineEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AlertBroadcaster broadcaster;

    /** A plain client that collects the alert ids it is sent. */
    private static final class Client implements WebSocket.Listener {
        final List<String> ids = new CopyOnWriteArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                for (JsonNode alert : JSON.readTree(text.toString()).values()) {
                    ids.add(alert.get("id").asString());
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    @Test
    void every_plain_client_gets_every_alert_as_json_and_closing_releases_its_subscription() throws Exception {
        int before = broadcaster.subscriberCount();
        HttpClient http = HttpClient.newHttpClient();
        List<Client> clients = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Client client = new Client();
            clients.add(client);
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/bench/baseline"), client)
                    .get(10, TimeUnit.SECONDS));
        }
        Poll.until(Duration.ofSeconds(10), "five subscribers", () -> broadcaster.subscriberCount() == before + 5);

        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            alerts.ingest(Alert.received("baseline", "b" + i, AlertAction.CREATED, "Baseline story " + i, "", null,
                    Category.MARKETS, Priority.NORMAL, List.of(), now, null, now, false));
        }

        for (Client client : clients) {
            Poll.until(Duration.ofSeconds(10), "all three alerts", () -> client.ids.size() == 3);
            assertThat(Set.copyOf(client.ids)).containsExactlyInAnyOrder("baseline:b0", "baseline:b1", "baseline:b2");
        }
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        Poll.until(Duration.ofSeconds(10), "subscriptions released", () -> broadcaster.subscriberCount() == before);
        http.shutdownNow();
    }
}
