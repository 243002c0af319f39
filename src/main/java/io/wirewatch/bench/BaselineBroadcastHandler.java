package io.wirewatch.bench;

import com.vaadin.flow.shared.Registration;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: each plain WebSocket client subscribes to the same {@link AlertBroadcaster} a tab
 * does (same coalescing, same backlog) and gets each delivery as a JSON array of alerts. No UI
 * state, no session lock, no UIDL: what fan-out costs without Vaadin.
 */
final class BaselineBroadcastHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(BaselineBroadcastHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBSCRIPTION = "baseline-subscription";

    private final AlertService alerts;

    BaselineBroadcastHandler(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession guarded = new ConcurrentWebSocketSessionDecorator(session, 5_000, 1024 * 1024);
        Registration subscription = alerts.subscribe(delivery -> send(guarded, delivery));
        session.getAttributes().put(SUBSCRIPTION, subscription);
    }

    private static void send(WebSocketSession session, AlertBroadcaster.Delivery delivery) {
        try {
            session.sendMessage(new TextMessage(JSON.writeValueAsString(delivery.alerts())));
        } catch (IOException | RuntimeException gone) {
            log.debug("Baseline client {} is gone: {}", session.getId(), gone.toString());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().remove(SUBSCRIPTION) instanceof Registration subscription) {
            subscription.remove();
        }
    }
}
