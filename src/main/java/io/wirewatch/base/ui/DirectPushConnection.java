package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.AtmospherePushConnection;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.server.communication.PushConnectionFactory;
import io.wirewatch.base.Unicode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceImpl;
import org.atmosphere.websocket.WebSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tab's push connection that writes each push straight to its WebSocket.
 *
 * <p>Vaadin's own connection hands every message to Atmosphere's broadcaster, though it is meant
 * for one tab only: the broadcaster wraps it in a future, runs it through its filters and listeners,
 * puts it in a cache (a random UUID and an entry per push, removed once written), and Atmosphere's
 * length-prefix interceptor then encodes the text to bytes, decodes it back, prefixes its length
 * and encodes it again before the socket encodes it once more. A profile put about a third of a
 * push's CPU on that way to the socket, Tomcat's own write included ({@code bench/NOTES.md},
 * findings 12 and 19). This connection sends the same
 * frame, {@code <length>|<message>} with the length in UTF-16 units as Atmosphere writes it, through
 * the same Atmosphere socket write: one write at a time per socket, waiting at most
 * {@link PushConfiguration#WRITE_TIMEOUT} for the previous one.
 *
 * <p>What the broadcaster's path added that a WebSocket tab does not use: its cache serves
 * long-polling tabs that missed a message between two requests, and Vaadin's filters on it unwrap
 * the message and serve that cache. A tab on any other transport, or a resource that is not
 * Atmosphere's usual one, keeps Vaadin's path.
 *
 * <p>If the write fails (the previous one has not left within the timeout, or the socket is
 * closed), the push connection is closed, as Atmosphere does after a failed broadcast. The tab's
 * browser, if it is still there, reconnects and catches up as after any lost connection. It is
 * closed once Vaadin has left the connection's monitor, as Vaadin's own disconnect does: closing
 * the resource may take the container's session lock, which another thread may hold while it waits
 * for that monitor.
 *
 * <p>Only on Java 24 and later, with {@link PushConfiguration#writesOnPushingThread()}: the write
 * waits for the socket while Vaadin holds the connection's monitor.
 *
 * <p>Vaadin's {@code PushConnectionFactory} is how an application chooses its push connection, but
 * {@link AtmospherePushConnection} is marked for internal use, and the frame format is Atmosphere's
 * as Vaadin configures it. A Vaadin upgrade that changes either shows in
 * {@code DirectPushConnectionTest}, which runs a tab against the real server.
 */
public final class DirectPushConnection extends AtmospherePushConnection {

    private static final Logger log = LoggerFactory.getLogger(DirectPushConnection.class);

    /** Atmosphere's delimiter between a message's length and the message (Vaadin's setting). */
    static final char LENGTH_DELIMITER = '|';

    /** Set by a failed write, read after the push that made it; both under the session lock. */
    private boolean writeFailed;

    DirectPushConnection(UI ui) {
        super(ui);
    }

    /**
     * The frame Atmosphere's path wrote for this message. That path encoded the text to UTF-8 bytes
     * first, which turns half of a surrogate pair on its own into {@code ?}; Tomcat's encoder refuses
     * such text instead, and a long message could then leave the socket half sent. So it is replaced
     * here the same way. Alert text never holds one ({@code AlertText}), but a browser can send one,
     * in a search for instance, and may get it back.
     */
    static String frame(String message) {
        String text = Unicode.hasUnpairedSurrogate(message)
                ? new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) : message;
        return text.length() + String.valueOf(LENGTH_DELIMITER) + text;
    }

    /** Whether this tab's pushes go straight to its socket: a WebSocket, on Atmosphere's usual resource. */
    boolean writesDirectly() {
        return directSocket() != null;
    }

    private @Nullable WebSocket directSocket() {
        AtmosphereResource resource = getResource();
        return resource instanceof AtmosphereResourceImpl impl
                && resource.transport() == AtmosphereResource.TRANSPORT.WEBSOCKET ? impl.webSocket() : null;
    }

    @Override
    public void push(boolean async) {
        super.push(async);
        if (writeFailed) {
            writeFailed = false;
            disconnect();
        }
    }

    @Override
    protected void sendMessage(String message) {
        WebSocket socket = directSocket();
        if (socket == null) {
            super.sendMessage(message);
            return;
        }
        try {
            socket.write(frame(message));
        } catch (IOException | RuntimeException e) {
            // A reader that took nothing for the write timeout, or a socket already gone: routine
            // with many readers, so one line without the stack (which is at debug).
            log.info("Closing the push connection of {}: a push could not be written ({})",
                    getResource().uuid(), e.toString());
            log.debug("Push write failure", e);
            writeFailed = true;
        }
    }

    /**
     * Creates every tab's push connection; Vaadin finds it through {@code ServiceLoader} (see
     * {@code META-INF/services}), hence public.
     */
    public static final class Factory implements PushConnectionFactory {

        public Factory() {
            // Created by ServiceLoader.
        }

        @Override
        public PushConnection apply(UI ui) {
            return PushConfiguration.writesOnPushingThread()
                    ? new DirectPushConnection(ui) : new AtmospherePushConnection(ui);
        }
    }
}
