package io.wirewatch.bench;

import io.wirewatch.alert.AlertService;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the baseline at {@value #PATH}, with the {@code bench} profile only. */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
@EnableWebSocket
class BaselineConfiguration implements WebSocketConfigurer {

    static final String PATH = "/bench/baseline";

    private final AlertService alerts;

    BaselineConfiguration(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new BaselineBroadcastHandler(alerts), PATH);
    }
}
