package io.wirewatch.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A real WebSocket upstream on loopback, speaking {@code wirewatch-json} like a replay-capable feed:
 * everything {@link #publish published} is logged, sent to the open sessions, and replayed to a
 * client that connects with {@code ?since=<seq>}. Faults are the test's to inject: close the
 * sessions, send hostile frames, stop the server.
 */
public final class TestUpstream implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<String> connectQueries = new CopyOnWriteArrayList<>();
    private final List<long[]> logSeqs = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final int port;
    private boolean closed;

    public TestUpstream() throws IOException, LifecycleException {
        Path base = Files.createTempDirectory("test-upstream");
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        // Filters, WsFilter among them, run only for a request some servlet is mapped to.
        Tomcat.addServlet(context, "nothing", new jakarta.servlet.http.HttpServlet() { });
        context.addServletMappingDecoded("/", "nothing");
        context.addServletContainerInitializer(new WsSci(), null);
        // Runs after WsSci (initializers run in the order added), once the container exists.
        context.addServletContainerInitializer((classes, servletContext) -> {
                ServerContainer container = (ServerContainer) servletContext
                        .getAttribute(ServerContainer.class.getName());
                container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(FeedEndpoint.class, "/feed")
                            .configurator(new ServerEndpointConfig.Configurator() {
                                @Override
                                @SuppressWarnings("unchecked")
                                public <T> T getEndpointInstance(Class<T> endpointClass) {
                                    return (T) new FeedEndpoint();
                                }
                            }).build());
                } catch (jakarta.websocket.DeploymentException failed) {
                    throw new IllegalStateException(failed);
                }
        }, null);
        tomcat.start();
        port = connector.getLocalPort();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/feed");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Query strings of every connection so far, in order ("" when there was none). */
    public List<String> connectQueries() {
        return List.copyOf(connectQueries);
    }

    public int openSessions() {
        return (int) sessions.stream().filter(Session::isOpen).count();
    }

    /** Logs an item for replay and sends it to every open session, as a one-item frame. */
    public synchronized void publish(long seq, String itemJson) {
        log.add(itemJson);
        logSeqs.add(new long[] {seq});
        sendRaw(itemJson);
    }

    /**
     * Logs items for replay, numbered {@code firstSeq} on (their {@code seq} fields must say the
     * same), and sends them to every open session together, as one frame.
     */
    public synchronized void publishFrame(long firstSeq, String... itemsJson) {
        for (int i = 0; i < itemsJson.length; i++) {
            log.add(itemsJson[i]);
            logSeqs.add(new long[] {firstSeq + i});
        }
        sendRaw("[" + String.join(",", itemsJson) + "]");
    }

    /** Sends a frame as-is to every open session, without logging it for replay. */
    public void sendRaw(String frame) {
        for (Session session : sessions) {
            if (session.isOpen()) {
                try {
                    session.getBasicRemote().sendText(frame);
                } catch (IOException gone) {
                    sessions.remove(session);
                }
            }
        }
    }

    public void sendBinary(byte[] bytes) throws IOException {
        for (Session session : sessions) {
            if (session.isOpen()) {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
            }
        }
    }

    /** Closes every session cleanly, as a server going away for maintenance would. */
    public void closeSessions() throws IOException {
        for (Session session : sessions) {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "maintenance"));
            }
        }
    }

    private synchronized void opened(Session session) throws IOException {
        String query = session.getQueryString() == null ? "" : session.getQueryString();
        connectQueries.add(query);
        Map<String, List<String>> parameters = session.getRequestParameterMap();
        List<String> since = parameters.get("since");
        if (since != null && !since.isEmpty()) {
            long after = Long.parseLong(since.getFirst());
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                if (logSeqs.get(i)[0] > after) {
                    missed.add(log.get(i));
                }
            }
            if (!missed.isEmpty()) {
                session.getBasicRemote().sendText("[" + String.join(",", missed) + "]");
            }
        }
        sessions.add(session);
    }

    @Override
    public synchronized void close() throws LifecycleException {
        if (closed) {
            return;
        }
        closed = true;
        tomcat.stop();
        tomcat.destroy();
    }

    /** One instance per connection, as the container wants. */
    public final class FeedEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                opened(session);
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            sessions.remove(session);
        }
    }

    /** A {@code wirewatch-json} item with the given sequence number and title. */
    public static String item(long seq, String title, String category) {
        return "{\"seq\":" + seq + ",\"id\":\"s" + seq + "\",\"title\":\"" + title + "\",\"category\":\"" + category
                + "\",\"publishedAt\":\"2026-11-27T08:00:00Z\"}";
    }

    /** The same with a description; title and description must need no JSON escaping. */
    public static String item(long seq, String title, String category, String description) {
        return "{\"seq\":" + seq + ",\"id\":\"s" + seq + "\",\"title\":\"" + title + "\",\"category\":\"" + category
                + "\",\"description\":\"" + description + "\",\"publishedAt\":\"2026-11-27T08:00:00Z\"}";
    }
}
