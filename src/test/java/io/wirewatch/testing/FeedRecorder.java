package io.wirewatch.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A second client of a {@code wirewatch-json} feed that records every item with the time it arrived:
 * what the upstream sent and when, to compare with what the browsers show.
 */
public final class FeedRecorder implements AutoCloseable {

    /** One item as sent: its wire id, seq, category and the arrival time in epoch milliseconds. */
    public record Item(String id, long seq, String category, String title, long receivedAtMillis) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Item> items = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    public FeedRecorder(URI uri, @Nullable String tokenHeader, @Nullable String token) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (tokenHeader != null && token != null) {
            builder.header(tokenHeader, token);
        }
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    record(text.toString(), System.currentTimeMillis());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private void record(String frame, long now) {
        JsonNode root = JSON.readTree(frame);
        for (JsonNode item : root.isArray() ? root.values() : List.of(root)) {
            items.add(new Item(item.get("id").asString(), item.get("seq").longValue(),
                    item.get("category").asString(), item.get("title").asString(), now));
        }
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    @Override
    public void close() {
        socket.abort();
        http.shutdownNow();
    }
}
