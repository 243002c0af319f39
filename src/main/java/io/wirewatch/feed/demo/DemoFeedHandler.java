package io.wirewatch.feed.demo;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/** The demo feed's WebSocket endpoint: each session becomes a {@link DemoFeedPlayer} client. */
final class DemoFeedHandler extends TextWebSocketHandler {

    private static final String CLIENT = "demo-feed-client";

    private final DemoFeedPlayer player;

    DemoFeedHandler(DemoFeedPlayer player) {
        this.player = player;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        QueuedClient client = new QueuedClient(session);
        session.getAttributes().put(CLIENT, client);
        player.connect(client, since(session.getUri()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CLIENT) instanceof QueuedClient client) {
            player.disconnect(client);
            client.close(status);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // The demo feed takes no commands; anything a client says is ignored.
    }

    static @Nullable Long since(@Nullable URI uri) {
        if (uri == null) {
            return null;
        }
        String since = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("since");
        try {
            return since == null ? null : Long.valueOf(since);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

}
