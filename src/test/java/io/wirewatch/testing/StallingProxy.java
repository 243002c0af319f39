package io.wirewatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that can stall: {@link #stall()} stops relaying on the open connections
 * without closing them, which is what a half-open connection looks like to both ends (a dead NAT
 * entry, a pulled cable). {@link #freeze()} instead stops reading on them, so the sender's writes
 * back up as they do towards a client that stops reading; with a small receive buffer (see the
 * constructor) that happens after a few kilobytes rather than megabytes. {@link #stallWebSockets()}
 * stalls only the open WebSocket connections, as when a tab's push socket dies while its HTTP
 * requests still get through. New connections after a stall or freeze relay normally.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final int receiveBufferBytes;
    private volatile boolean refusing;

    public StallingProxy(InetSocketAddress target) throws IOException {
        this(target, 0);
    }

    /** @param receiveBufferBytes the receive buffer of the proxy's sockets to the target; 0 for the system's */
    public StallingProxy(InetSocketAddress target, int receiveBufferBytes) throws IOException {
        this.target = target;
        this.receiveBufferBytes = receiveBufferBytes;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void stall() {
        pipes.forEach(pipe -> pipe.stalled = true);
    }

    /**
     * The server as a browser sees it when its path to the server is gone: open connections stall and
     * new ones are closed as soon as they are accepted, until {@link #restore()}.
     */
    public void cutOff() {
        refusing = true;
        stall();
    }

    /** New connections relay again; those stalled before stay stalled. */
    public void restore() {
        refusing = false;
    }

    /** Like {@link #stall()}, for the open connections that were upgraded to WebSocket only. */
    public void stallWebSockets() {
        pipes.stream().filter(pipe -> pipe.webSocket).forEach(pipe -> pipe.stalled = true);
    }

    /** Stops reading on the open connections until {@link #close()}: their senders block once buffers fill. */
    public void freeze() {
        pipes.forEach(pipe -> pipe.frozen = true);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                if (receiveBufferBytes > 0) {
                    server.setReceiveBufferSize(receiveBufferBytes);
                }
                server.connect(target);
                Pipe up = new Pipe(client, server);
                Pipe down = new Pipe(server, client);
                up.partner = down;
                pipes.add(up);
                pipes.add(down);
                Thread.ofVirtual().start(up::run);
                Thread.ofVirtual().start(down::run);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pipe pipe : pipes) {
            pipe.thaw.countDown();
            pipe.from.close();
            pipe.to.close();
        }
        acceptor.interrupt();
    }

    private static final class Pipe {
        final Socket from;
        final Socket to;
        volatile boolean stalled;
        volatile boolean frozen;
        /** Set on both directions once the client's first bytes ask for a WebSocket upgrade. */
        volatile boolean webSocket;
        /** The other direction, for the client-to-server pipe; null for the other. */
        Pipe partner;
        private boolean firstRead = true;
        final java.util.concurrent.CountDownLatch thaw = new java.util.concurrent.CountDownLatch(1);

        Pipe(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        void run() {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (firstRead && partner != null) {
                        String request = new String(buffer, 0, read, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                        webSocket = partner.webSocket = request.contains("upgrade: websocket");
                    }
                    firstRead = false;
                    if (frozen) {
                        thaw.await();
                        return;
                    }
                    if (!stalled) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                    // Stalled: bytes are swallowed and nothing is closed, as on a dead path.
                }
            } catch (IOException closed) {
                // one side closed; the proxy is shutting down
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
