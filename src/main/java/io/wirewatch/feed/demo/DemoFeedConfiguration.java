package io.wirewatch.feed.demo;

import io.wirewatch.feed.FeedProperties;
import io.wirewatch.feed.LocalUpstream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the demo feed at {@value #PATH} and points a feed client at it. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(DemoFeedProperties.class)
@ConditionalOnProperty(name = "wirewatch.demo-feed.enabled", havingValue = "true", matchIfMissing = true)
class DemoFeedConfiguration implements WebSocketConfigurer {

    static final String PATH = "/upstream/demo";
    static final String FEED_NAME = "demo";

    private final DemoFeedPlayer player;
    private final String token;

    DemoFeedConfiguration(DemoFeedProperties properties, Clock clock) {
        this.player = new DemoFeedPlayer(properties, DemoFeedPlayer.bundledStories(), clock, new SecureRandom());
        this.token = properties.token() != null && !properties.token().isBlank() ? properties.token() : randomToken();
    }

    @Bean
    DemoFeedPlayer demoFeedPlayer() {
        return player;
    }

    @Bean
    LocalUpstream demoUpstream() {
        return port -> new FeedProperties.Upstream(FEED_NAME, URI.create("ws://127.0.0.1:" + port + PATH),
                FeedProperties.Protocol.WIREWATCH_JSON, Map.of(DemoFeedHandshake.TOKEN_HEADER, token));
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new DemoFeedHandler(player), PATH).addInterceptors(new DemoFeedHandshake(token));
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
