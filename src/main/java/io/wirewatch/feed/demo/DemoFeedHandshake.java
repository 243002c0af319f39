package io.wirewatch.feed.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a client upgrade to the demo feed only with the right token in {@link #TOKEN_HEADER}.
 * A header, not a query parameter, so the token stays out of access logs; compared in constant time.
 */
final class DemoFeedHandshake implements HandshakeInterceptor {

    static final String TOKEN_HEADER = "X-Wirewatch-Token";

    private final byte[] token;

    DemoFeedHandshake(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String offered = request.getHeaders().getFirst(TOKEN_HEADER);
        if (offered != null && MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @org.jspecify.annotations.Nullable Exception exception) {
    }
}
