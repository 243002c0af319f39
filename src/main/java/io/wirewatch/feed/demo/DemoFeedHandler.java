package io.wirewatch.feed.demo;

import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/** The demo feed's WebSocket endpoint: each session becomes a {@link DemoFeedPlayer} client. */
final class DemoFeedHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DemoFeedHandler.class);
    private static final String CLIENT = "demo-feed-client";
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int SEND_BUFFER_LIMIT = 1024 * 1024;

    private final DemoFeedPlayer player;

    DemoFeedHandler(DemoFeedPlayer player) {
        this.player = player;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // A slow client gets a bounded buffer; beyond it, it is dropped rather than slowing the others.
        WebSocketSession guarded = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                SEND_BUFFER_LIMIT);
        DemoFeedPlayer.Client client = frame -> {
            try {
                guarded.sendMessage(new TextMessage(frame));
                return true;
            } catch (IOException | RuntimeException gone) {
                log.debug("Demo feed client {} is gone: {}", session.getId(), gone.toString());
                closeQuietly(session);
                return false;
            }
        };
        session.getAttributes().put(CLIENT, client);
        player.connect(client, since(session.getUri()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CLIENT) instanceof DemoFeedPlayer.Client client) {
            player.disconnect(client);
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

    private static void closeQuietly(WebSocketSession session) {
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException alreadyGone) {
            log.trace("close failed", alreadyGone);
        }
    }
}
