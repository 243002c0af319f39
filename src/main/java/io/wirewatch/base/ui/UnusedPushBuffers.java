package io.wirewatch.base.ui;

import org.atmosphere.cpr.Action;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AtmosphereConfig;
import org.atmosphere.cpr.AtmosphereInterceptor;
import org.atmosphere.cpr.AtmosphereResource;

/**
 * Shrinks two buffers that Atmosphere allocates for every push WebSocket and never uses.
 *
 * <p>Atmosphere's {@code WebSocket} allocates a {@code ByteBuffer} and a {@code CharBuffer} of
 * {@code org.atmosphere.websocket.bufferSize} each when a socket opens. Vaadin sets that size to
 * 16 384, so every open tab holds 48 KB in them. In the Atmosphere version Vaadin ships (3.0.5)
 * only {@code DefaultWebSocketProcessor} reads into them, growing them as needed, when a message
 * arrives as a stream or a reader. Atmosphere's JSR 356 endpoint takes messages whole (as strings
 * and byte buffers), and a push socket here receives none anyway (the browser sends over HTTP), so
 * they are only cleared on close. Vaadin sets the size on the framework itself, which wins over the
 * servlet's init parameters, so it is changed here, while the framework starts: Atmosphere calls
 * {@link #configure} after Vaadin's settings are in and before any socket opens, and each socket
 * reads the size when it opens.
 *
 * <p>Registered through the Vaadin servlet's {@code org.atmosphere.cpr.AtmosphereInterceptor} init
 * parameter ({@link PushConfiguration}); Atmosphere creates it by reflection, hence public. As an
 * interceptor it does nothing: every request passes through unchanged.
 */
public final class UnusedPushBuffers implements AtmosphereInterceptor {

    /** Small rather than zero: the stream and reader paths above grow them from here if ever used. */
    static final int SIZE = 256;

    public UnusedPushBuffers() {
        // Created by Atmosphere.
    }

    @Override
    public void configure(AtmosphereConfig config) {
        config.framework().addInitParameter(ApplicationConfig.WEBSOCKET_BUFFER_SIZE, Integer.toString(SIZE));
    }

    @Override
    public Action inspect(AtmosphereResource resource) {
        return Action.CONTINUE;
    }

    @Override
    public void postInspect(AtmosphereResource resource) {
        // Nothing to do after the request.
    }

    @Override
    public void destroy() {
        // Holds nothing.
    }

    @Override
    public String toString() {
        return "UnusedPushBuffers(" + SIZE + ")";
    }
}
