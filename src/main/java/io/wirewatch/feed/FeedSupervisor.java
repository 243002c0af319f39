package io.wirewatch.feed;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one upstream WebSocket connection alive for as long as the application runs: connects with a
 * timeout, resumes with the protocol's cursor, reconnects with full-jitter backoff, pings an idle
 * upstream and replaces a connection that has gone silent (a half-open TCP connection never closes
 * by itself). Frames are decoded on the socket's thread and each frame's alerts handed to
 * {@link AlertService#ingestAll} as one batch, which only queues for readers.
 *
 * <p>All state changes run on the supervisor's own single thread, so they need no locks.
 */
public final class FeedSupervisor {

    private static final Logger log = LoggerFactory.getLogger(FeedSupervisor.class);

    private final FeedProperties.Upstream upstream;
    private final FeedProperties settings;
    private final FeedProtocol protocol;
    private final AlertService alerts;
    private final HttpClient http;
    private final ScheduledExecutorService thread;
    private final ReconnectBackoff backoff;
    private final Clock clock;
    private final Consumer<FeedStatus> onStatusChange;
    private final RejectionLog rejectionLog;
    private final FeedHistory history;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLongArray rejected = new AtomicLongArray(RejectReason.values().length);
    private volatile @Nullable Long cursor;
    private volatile @Nullable Instant lastMessageAt;

    // Touched only on `thread`.
    private volatile @Nullable Connection current;
    private volatile FeedState state = FeedState.CONNECTING;
    private volatile Instant stateSince;
    private int attempt;
    private volatile long reconnects;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant nextAttemptAt;
    private boolean stopped;
    private @Nullable Long savedCursor;
    private @Nullable Instant lostAt;
    /** When the last outage began, if this run saw it; read from the socket thread. */
    private volatile @Nullable Instant lastOutageFrom;

    public FeedSupervisor(FeedProperties.Upstream upstream, FeedProperties settings, FeedProtocol protocol,
            AlertService alerts, HttpClient http, ScheduledExecutorService thread, ReconnectBackoff backoff,
            Clock clock, Consumer<FeedStatus> onStatusChange, FeedHistory history) {
        this.history = history;
        this.upstream = upstream;
        this.settings = settings;
        this.protocol = protocol;
        this.alerts = alerts;
        this.http = http;
        this.thread = thread;
        this.backoff = backoff;
        this.clock = clock;
        this.onStatusChange = onStatusChange;
        this.rejectionLog = new RejectionLog(upstream.name());
        this.stateSince = clock.instant();
    }

    public String name() {
        return upstream.name();
    }

    /** Starts connecting; also sets where to resume, for a cursor kept from an earlier run. */
    public void start(@Nullable Long resumeCursor) {
        cursor = resumeCursor;
        thread.execute(this::connect);
        long tick = Math.max(50, Math.min(1000, settings.silenceTimeout().toMillis() / 5));
        thread.scheduleWithFixedDelay(this::checkLivenessSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Closes the connection and stops retrying. Waits briefly for the close to be sent. */
    public void stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                stopped = true;
                Connection connection = current;
                current = null;
                if (connection != null) {
                    connection.close();
                }
                saveCursor();
                changeState(FeedState.DOWN, "stopped");
                done.complete(null);
            });
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception notCleanly) {
            log.debug("Feed '{}' did not stop cleanly", name(), notCleanly);
        }
    }

    // Lock-free readings for metrics and health checks.

    public FeedState state() {
        return state;
    }

    public Instant stateSince() {
        return stateSince;
    }

    public long receivedCount() {
        return received.get();
    }

    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason.ordinal());
    }

    public long reconnectCount() {
        return reconnects;
    }

    public @Nullable Instant lastMessageAt() {
        return lastMessageAt;
    }

    /** A snapshot from volatile fields: never waits for the feed's thread, however busy it is. */
    public FeedStatus status() {
        return snapshot();
    }

    private FeedStatus snapshot() {
        return new FeedStatus(name(), state, stateSince, lastMessageAt, received.get(), rejectedCounts(),
                reconnects, lastError, state == FeedState.RECONNECTING ? nextAttemptAt : null, cursor);
    }

    private Map<RejectReason, Long> rejectedCounts() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            long count = rejected.get(reason.ordinal());
            if (count > 0) {
                counts.put(reason, count);
            }
        }
        return counts;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        URI uri = protocol.connectUri(upstream.url(), cursor);
        Connection connection = new Connection();
        current = connection;
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
        upstream.headers().forEach(builder::header);
        log.info("Feed '{}' connecting to {}{}", name(), upstream.url(),
                cursor == null ? "" : " (resuming after " + cursor + ")");
        CompletableFuture<WebSocket> opening;
        try {
            opening = builder.buildAsync(uri, connection);
        } catch (IllegalArgumentException unusable) {
            // A configuration mistake (not ws:// or wss://, a bad header): retrying cannot help.
            connectionLost(connection, "cannot connect to " + upstream.url() + ": " + unusable.getMessage(), true);
            return;
        }
        opening.whenCompleteAsync((socket, failure) -> {
            if (connection != current) {
                if (socket != null) {
                    socket.abort();
                }
            } else if (failure != null && unwrap(failure) instanceof IllegalArgumentException unusable) {
                // A configuration mistake (not ws:// or wss://, a bad header): retrying cannot help.
                connectionLost(connection, "cannot connect to " + upstream.url() + ": " + unusable.getMessage(), true);
            } else if (failure != null) {
                connectionLost(connection, describe(failure), isFatal(failure));
            } else {
                connection.opened(socket);
            }
        }, thread);
    }

    /** Writes the resume cursor when it moved; at most once per liveness tick, and on stop. */
    private void saveCursor() {
        Long now = cursor;
        if (now != null && !now.equals(savedCursor)) {
            try {
                history.saveCursor(name(), now);
                savedCursor = now;
            } catch (RuntimeException failure) {
                log.warn("Feed '{}' could not save its resume cursor: {}", name(), failure.toString());
            }
        }
    }

    /** Scheduled: an exception would cancel all later checks, so none may escape. */
    private void checkLivenessSafely() {
        try {
            checkLiveness();
        } catch (RuntimeException bug) {
            log.error("Feed '{}' liveness check failed", name(), bug);
        }
    }

    private void checkLiveness() {
        saveCursor();
        Connection connection = current;
        if (connection == null || connection.socket == null || stopped) {
            return;
        }
        long silentNanos = System.nanoTime() - connection.lastFrameNanos;
        if (silentNanos > settings.silenceTimeout().toNanos()) {
            connection.socket.abort();
            connectionLost(connection, "no frame for " + Duration.ofNanos(silentNanos).toMillis() + " ms", false);
        } else if (System.nanoTime() - connection.lastPingNanos >= settings.pingInterval().toNanos()) {
            connection.lastPingNanos = System.nanoTime();
            try {
                connection.socket.sendPing(ByteBuffer.allocate(0));
            } catch (IllegalStateException busy) {
                log.debug("Feed '{}' skipped a ping: {}", name(), busy.getMessage());
            }
        }
    }

    /** Runs on {@code thread}. */
    private void connectionLost(Connection connection, String why, boolean fatal) {
        if (connection != current || stopped) {
            return;
        }
        current = null;
        connection.close();
        lastError = why;
        if (connection.openedNanos != 0 && lostAt == null) {
            lostAt = clock.instant();
        }
        if (fatal) {
            log.error("Feed '{}' stopped for good: {}", name(), why);
            changeState(FeedState.DOWN, why);
            return;
        }
        if (connection.openedNanos != 0 && System.nanoTime() - connection.openedNanos >= settings.stableAfter().toNanos()) {
            attempt = 0;
        }
        Duration delay = backoff.reconnectDelay(attempt++);
        reconnects++;
        nextAttemptAt = clock.instant().plus(delay);
        log.warn("Feed '{}' lost ({}); reconnecting in {} ms", name(), why, delay.toMillis());
        changeState(FeedState.RECONNECTING, why);
        thread.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Back after an outage: where the upstream cannot replay, readers must see what is missing. */
    private void recordGapIfUnrecoverable() {
        Instant from = lostAt;
        lostAt = null;
        lastOutageFrom = from;
        if (from != null && (!protocol.canResume() || cursor == null)) {
            FeedGap gap = new FeedGap(name(), from, clock.instant(), null);
            log.warn("Feed '{}' could not replay {} to {}: recorded as a gap", name(), gap.from(), gap.to());
            recordGap(gap);
        }
    }

    /** Runs on {@code thread}; the next status change tells the views to show it. */
    private void recordGap(FeedGap gap) {
        try {
            history.recordGap(gap);
        } catch (RuntimeException failure) {
            log.error("Feed '{}' could not record a gap", name(), failure);
        }
        changeState(state, null);
    }

    private void changeState(FeedState next, @Nullable String why) {
        if (next != state) {
            stateSince = clock.instant();
            if (next == FeedState.LIVE) {
                log.info("Feed '{}' is live", name());
            }
        }
        state = next;
        if (why != null) {
            lastError = why;
        }
        try {
            onStatusChange.accept(snapshot());
        } catch (RuntimeException listenerFailure) {
            log.error("Feed status listener failed", listenerFailure);
        }
    }

    private void handle(Connection connection, String frame) {
        Decoded decoded = protocol.decode(frame, clock.instant());
        lastMessageAt = clock.instant();
        for (RejectReason reason : decoded.rejections()) {
            reject(reason);
        }
        List<Alert> frameAlerts = decoded.alerts();
        if (!frameAlerts.isEmpty()) {
            try {
                // One batch: stored all together or not at all.
                alerts.ingestAll(frameAlerts);
            } catch (RuntimeException storeFailed) {
                // Not the upstream's fault, and nothing may be lost: leave the cursor before this
                // frame and reconnect, so the upstream sends it again once storing works.
                log.error("Feed '{}' could not store a frame ({} alerts); reconnecting to get it again", name(),
                        frameAlerts.size(), storeFailed);
                onThread(() -> connectionLost(connection, "could not store alerts: " + storeFailed.getMessage(), false));
                throw new FrameNotStored();
            }
            received.addAndGet(frameAlerts.size());
        }
        if (decoded.missed() > 0) {
            Instant now = clock.instant();
            Instant from = lastOutageFrom != null ? lastOutageFrom : now;
            FeedGap gap = new FeedGap(name(), from, now, decoded.missed());
            log.warn("Feed '{}' could not replay {} alerts", name(), decoded.missed());
            onThread(() -> recordGap(gap));
        }
        if (decoded.cursor() != null) {
            Long previous = cursor;
            if (previous == null || decoded.cursor() > previous) {
                cursor = decoded.cursor();
            }
        }
        if (decoded.fatalError() != null) {
            String why = decoded.fatalError();
            onThread(() -> connectionLost(connection, why, true));
        }
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            log.debug("Feed '{}' is shut down; ignoring a late event", name());
        }
    }

    private void reject(RejectReason reason) {
        rejected.incrementAndGet(reason.ordinal());
        rejectionLog.rejected(reason);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static boolean isFatal(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return status == 401 || status == 403;
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return status == 401 || status == 403 ? "upstream refused the credentials (HTTP " + status + ")"
                    : "upstream answered HTTP " + status;
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Thrown out of a frame's handling when its alerts could not be stored. */
    private static final class FrameNotStored extends RuntimeException {
        FrameNotStored() {
            super(null, null, false, false);
        }
    }

    /** The size limit is in bytes, as on the wire, not in UTF-16 characters. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** One WebSocket connection and its frame assembly; callbacks from an old one are ignored. */
    private final class Connection implements WebSocket.Listener {

        private @Nullable WebSocket socket;
        private volatile long lastFrameNanos = System.nanoTime();
        private long lastPingNanos = System.nanoTime();
        private long openedNanos;
        private final StringBuilder text = new StringBuilder();
        private long textBytes;
        private boolean oversize;

        /** Runs on {@code thread}. */
        void opened(WebSocket openedSocket) {
            socket = openedSocket;
            openedNanos = System.nanoTime();
            lastFrameNanos = openedNanos;
            lastPingNanos = openedNanos;
            nextAttemptAt = null;
            lastError = null;
            recordGapIfUnrecoverable();
            changeState(FeedState.LIVE, null);
            protocol.onOpen(message -> openedSocket.sendText(message, true));
            openedSocket.request(1);
        }

        void close() {
            WebSocket open = socket;
            if (open != null && !open.isOutputClosed()) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        .orTimeout(1, TimeUnit.SECONDS)
                        .whenComplete((ignored, failure) -> open.abort());
            } else if (open != null) {
                open.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // Demand is requested once the supervisor has marked the connection live.
        }

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastFrameNanos = System.nanoTime();
            if (this == current) {
                if (!oversize) {
                    textBytes += utf8Length(data);
                    if (textBytes > settings.maxMessageSize().toBytes()) {
                        oversize = true;
                        text.setLength(0);
                    } else {
                        text.append(data);
                    }
                }
                if (last) {
                    if (oversize) {
                        reject(RejectReason.OVERSIZE_FRAME);
                    } else {
                        handleSafely(text.toString());
                    }
                    text.setLength(0);
                    textBytes = 0;
                    oversize = false;
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handleSafely(String frame) {
            try {
                handle(this, frame);
            } catch (FrameNotStored notStored) {
                // already handed to connectionLost
            } catch (RuntimeException bug) {
                // A bug must not kill the connection; the frame is counted as malformed.
                log.error("Feed '{}' failed on a frame", name(), bug);
                reject(RejectReason.MALFORMED_JSON);
            }
        }

        @Override
        public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastFrameNanos = System.nanoTime();
            if (last && this == current) {
                reject(RejectReason.BINARY_FRAME);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastFrameNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastFrameNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            String why = "closed by upstream (" + statusCode + (reason.isBlank() ? "" : " " + reason) + ")";
            onThread(() -> connectionLost(this, why, false));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onThread(() -> connectionLost(this, describe(error), false));
        }
    }
}
