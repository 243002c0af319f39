package io.wirewatch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.RecentAlertStore;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.StallingProxy;
import io.wirewatch.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The feed client against a real WebSocket server on loopback, with faults injected. */
class FeedSupervisorTest {

    private static final Duration SILENCE = Duration.ofMillis(1_000);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FeedProperties settings = new FeedProperties(List.of(), Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofMillis(200), SILENCE,
            DataSize.ofKilobytes(64), Duration.ofSeconds(60));

    private TestUpstream upstream;
    private ScheduledThreadPoolExecutor fanout;
    private ScheduledExecutorService feedThread;
    private HttpClient http;
    private RecentAlertStore store;
    private AlertService alerts;
    private FeedSupervisor supervisor;
    private final List<FeedStatus> statusChanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start_server() throws Exception {
        upstream = new TestUpstream();
        fanout = new ScheduledThreadPoolExecutor(1);
        feedThread = Executors.newSingleThreadScheduledExecutor();
        http = HttpClient.newHttpClient();
        store = new RecentAlertStore(1_000);
        alerts = new AlertService(store, new AlertBroadcaster(fanout, 200, Duration.ofMillis(50)), Clock.systemUTC());
    }

    @AfterEach
    void stop_everything() throws Exception {
        if (supervisor != null) {
            supervisor.stop();
        }
        feedThread.shutdownNow();
        fanout.shutdownNow();
        http.shutdownNow();
        upstream.close();
    }

    private final List<FeedGap> gaps = new CopyOnWriteArrayList<>();
    private final List<Long> savedCursors = new CopyOnWriteArrayList<>();

    /** Remembers in memory what the database would. */
    private final FeedHistory history = new FeedHistory() {
        @Override
        public java.util.Optional<Long> cursor(String feed) {
            return savedCursors.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(savedCursors.getLast());
        }

        @Override
        public void saveCursor(String feed, long cursor) {
            savedCursors.add(cursor);
        }

        @Override
        public void recordGap(FeedGap gap) {
            gaps.add(gap);
        }

        @Override
        public List<FeedGap> gapsSince(java.time.Instant since, int limit) {
            return List.copyOf(gaps);
        }
    };

    private void connectTo(URI url) {
        connectTo(url, new WirewatchJsonProtocol("test"));
    }

    private void connectTo(URI url, FeedProtocol protocol) {
        FeedProperties.Upstream feed = new FeedProperties.Upstream("test", url,
                FeedProperties.Protocol.WIREWATCH_JSON, Map.of());
        supervisor = new FeedSupervisor(feed, settings, protocol, alerts, http, feedThread,
                new ReconnectBackoff(settings.reconnectBase(), settings.reconnectCap(), new Random(7)),
                Clock.systemUTC(), statusChanges::add, history);
        supervisor.start(null);
        Poll.until(WAIT, "feed is live", () -> supervisor.status().state() == FeedState.LIVE);
        // The client may see the upgrade before the server has registered the session.
        Poll.until(WAIT, "server registered the session", () -> upstream.openSessions() == 1);
    }

    private List<String> storedTitles() {
        return alerts.newest(AlertQuery.ALL, 1_000).reversed().stream().map(Alert::headline).toList();
    }

    @Test
    void alerts_from_the_upstream_are_stored_and_the_feed_reports_live() {
        connectTo(upstream.uri());
        upstream.publish(1, TestUpstream.item(1, "Port Avery reopens", "world"));
        upstream.publish(2, TestUpstream.item(2, "Helix beats estimates", "markets"));

        Poll.until(WAIT, "two alerts stored", () -> store.size() == 2);
        FeedStatus status = supervisor.status();
        assertThat(storedTitles()).containsExactly("Port Avery reopens", "Helix beats estimates");
        assertThat(status.state()).isEqualTo(FeedState.LIVE);
        assertThat(status.received()).isEqualTo(2);
        assertThat(status.cursor()).isEqualTo(2L);
        assertThat(status.lastMessageAt()).isNotNull();
    }

    @Test
    void when_the_server_closes_the_client_reconnects_with_since_and_loses_nothing() throws Exception {
        connectTo(upstream.uri());
        for (long seq = 1; seq <= 3; seq++) {
            upstream.publish(seq, TestUpstream.item(seq, "Story " + seq, "markets"));
        }
        Poll.until(WAIT, "first three stored", () -> store.size() == 3);

        upstream.closeSessions();
        Poll.until(WAIT, "client noticed the close", () -> upstream.openSessions() == 0);
        // Sent while the client is away: only a resume can deliver these.
        for (long seq = 4; seq <= 6; seq++) {
            upstream.publish(seq, TestUpstream.item(seq, "Story " + seq, "markets"));
        }
        Poll.until(WAIT, "all six stored", () -> store.size() == 6);

        assertThat(upstream.connectQueries()).containsExactly("", "since=3");
        assertThat(storedTitles()).containsExactly("Story 1", "Story 2", "Story 3", "Story 4", "Story 5", "Story 6");
        assertThat(supervisor.status().reconnects()).isEqualTo(1);
        assertThat(statusChanges).extracting(FeedStatus::state)
                .containsSubsequence(FeedState.LIVE, FeedState.RECONNECTING, FeedState.LIVE);
    }

    @Test
    void a_half_open_connection_is_detected_within_the_silence_deadline_and_replaced() throws Exception {
        try (StallingProxy proxy = new StallingProxy(upstream.address())) {
            connectTo(URI.create("ws://127.0.0.1:" + proxy.port() + "/feed"));
            upstream.publish(1, TestUpstream.item(1, "Before the stall", "world"));
            Poll.until(WAIT, "first alert stored", () -> store.size() == 1);

            long stalledAt = System.nanoTime();
            proxy.stall();
            upstream.publish(2, TestUpstream.item(2, "Lost in the stall", "world"));
            Poll.until(WAIT, "the client gave up on the silent connection",
                    () -> statusChanges.stream().anyMatch(status -> status.state() == FeedState.RECONNECTING));
            Duration detectedAfter = Duration.ofNanos(System.nanoTime() - stalledAt);

            // The ping is swallowed, no frame comes back: dead after the silence timeout plus one check.
            assertThat(detectedAfter).isLessThan(SILENCE.plusMillis(1_500));
            Poll.until(WAIT, "live again over a new connection", () -> supervisor.status().state() == FeedState.LIVE
                    && upstream.connectQueries().size() == 2);
            Poll.until(WAIT, "the stalled alert was resumed", () -> store.size() == 2);
            assertThat(upstream.connectQueries()).last().isEqualTo("since=1");
            assertThat(supervisor.status().lastError()).isNull();
            assertThat(statusChanges).filteredOn(status -> status.state() == FeedState.RECONNECTING)
                    .first().extracting(FeedStatus::lastError).asString().startsWith("no frame for");
        }
    }

    @Test
    void hostile_frames_between_good_ones_are_counted_and_every_good_alert_arrives() throws Exception {
        connectTo(upstream.uri());
        upstream.publish(1, TestUpstream.item(1, "Good one", "markets"));
        upstream.sendRaw("{not json");
        upstream.publish(2, TestUpstream.item(2, "Good two", "sports"));
        upstream.sendBinary(new byte[] {1, 2, 3});
        upstream.sendRaw("[{\"title\":\"" + "x".repeat(70 * 1024) + "\"}]");
        upstream.publish(3, TestUpstream.item(3, "Good three", "science"));
        upstream.sendRaw("[{\"title\":42},{\"description\":\"no title\"},"
                + "{\"title\":\"click\",\"url\":\"javascript:alert(1)\"},{\"title\":\"" + "y".repeat(301) + "\"}]");
        upstream.sendRaw("12");
        upstream.publish(4, TestUpstream.item(4, "Good four <script>alert(1)</script>", "world"));

        Poll.until(WAIT, "four good alerts stored", () -> store.size() == 4);
        FeedStatus status = Poll.until(WAIT, "every bad frame counted", supervisor::status,
                current -> current.rejectedTotal() == 8);

        assertThat(storedTitles()).containsExactly("Good one", "Good two", "Good three", "Good four");
        assertThat(status.rejected()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.MALFORMED_JSON, 1L,
                RejectReason.BINARY_FRAME, 1L,
                RejectReason.OVERSIZE_FRAME, 1L,
                RejectReason.WRONG_TYPE, 2L,
                RejectReason.MISSING_TITLE, 1L,
                RejectReason.BAD_URL, 1L,
                RejectReason.OVERSIZE_FIELD, 1L));
        assertThat(status.reconnects()).isZero();
        assertThat(status.state()).isEqualTo(FeedState.LIVE);
    }

    @Test
    void when_the_server_is_gone_the_feed_keeps_retrying_with_backoff_and_shows_when() throws Exception {
        connectTo(upstream.uri());
        upstream.close();

        FeedStatus status = Poll.until(WAIT, "reconnecting after a few failed attempts", supervisor::status,
                current -> current.state() == FeedState.RECONNECTING && current.reconnects() >= 3);
        assertThat(status.nextAttemptAt()).isNotNull();
        assertThat(status.lastError()).isNotBlank();
    }

    /** The test's memory store, refusing every write while {@code down} is set. */
    private io.wirewatch.alert.AlertStore flaky(java.util.concurrent.atomic.AtomicBoolean down) {
        return new io.wirewatch.alert.AlertStore() {
            @Override
            public java.util.Optional<Alert> find(String id) {
                return store.find(id);
            }

            @Override
            public void save(Alert alert) {
                if (down.get()) {
                    throw new IllegalStateException("database unavailable");
                }
                store.save(alert);
            }

            @Override
            public io.wirewatch.alert.AlertPage page(AlertQuery query, Long olderThan, int limit) {
                return store.page(query, olderThan, limit);
            }

            @Override
            public List<Alert> newestTestAlerts(int limit) {
                return store.newestTestAlerts(limit);
            }

            @Override
            public int deleteExpired(java.time.Instant cutoff, java.time.Instant testCutoff, long keepAtMost) {
                return 0;
            }
        };
    }

    @Test
    void alerts_that_cannot_be_stored_are_fetched_again_not_lost() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean();
        io.wirewatch.alert.AlertStore flaky = flaky(storeDown);
        alerts = new AlertService(flaky, new AlertBroadcaster(fanout, 200, Duration.ofMillis(50)), Clock.systemUTC());
        connectTo(upstream.uri());
        upstream.publish(1, TestUpstream.item(1, "Stored before the outage", "world"));
        Poll.until(WAIT, "first stored", () -> store.size() == 1);

        storeDown.set(true);
        upstream.publish(2, TestUpstream.item(2, "Sent while the database is down", "world"));
        Poll.until(WAIT, "reconnected to fetch it again", () -> upstream.connectQueries().contains("since=1"));
        storeDown.set(false);

        Poll.until(WAIT, "stored once the database is back", () -> store.size() == 2);
        assertThat(storedTitles()).containsExactly("Stored before the outage", "Sent while the database is down");
        assertThat(supervisor.status().rejectedTotal()).isZero();
    }

    @Test
    void a_frame_of_several_alerts_is_stored_whole_or_fetched_again_whole() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean();
        alerts = new AlertService(flaky(storeDown), new AlertBroadcaster(fanout, 200, Duration.ofMillis(50)),
                Clock.systemUTC());
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        alerts.subscribe(delivery -> broadcast.addAll(delivery.alerts()));
        connectTo(upstream.uri());
        upstream.publish(1, TestUpstream.item(1, "Stored before the outage", "world"));
        Poll.until(WAIT, "first stored", () -> store.size() == 1);

        storeDown.set(true);
        upstream.publishFrame(2, TestUpstream.item(2, "Frame story one", "world"),
                TestUpstream.item(3, "Frame story two", "world"), TestUpstream.item(4, "Frame story three", "world"));
        Poll.until(WAIT, "reconnected to fetch the frame again", () -> upstream.connectQueries().contains("since=1"));
        assertThat(store.size()).as("nothing of the frame stored").isEqualTo(1);
        assertThat(supervisor.status().received()).isEqualTo(1);
        storeDown.set(false);

        Poll.until(WAIT, "the whole frame stored once the database is back", () -> store.size() == 4);
        assertThat(storedTitles()).containsExactly("Stored before the outage", "Frame story one", "Frame story two",
                "Frame story three");
        Poll.until(WAIT, "every story broadcast", () -> broadcast.size() >= 4);
        assertThat(broadcast).extracting(Alert::headline).containsExactly("Stored before the outage",
                "Frame story one", "Frame story two", "Frame story three");
        Poll.until(WAIT, "cursor past the frame", () -> Long.valueOf(4).equals(supervisor.status().cursor()));
        assertThat(supervisor.status().received()).isEqualTo(4);
        assertThat(supervisor.status().rejectedTotal()).isZero();
    }

    @Test
    void the_resume_cursor_is_saved_as_it_moves_and_on_stop() {
        connectTo(upstream.uri());
        upstream.publish(7, TestUpstream.item(7, "Cursor story", "world"));
        Poll.until(WAIT, "cursor saved", () -> !savedCursors.isEmpty() && savedCursors.getLast() == 7L);
        upstream.publish(8, TestUpstream.item(8, "Cursor story two", "world"));
        Poll.until(WAIT, "second alert stored", () -> store.size() == 2);

        supervisor.stop();

        assertThat(savedCursors.getLast()).isEqualTo(8L);
        assertThat(gaps).isEmpty();
    }

    @Test
    void an_outage_on_a_feed_that_cannot_replay_is_recorded_as_a_gap() throws Exception {
        WirewatchJsonProtocol json = new WirewatchJsonProtocol("test");
        FeedProtocol noReplay = new FeedProtocol() {
            @Override
            public URI connectUri(URI base, Long cursor) {
                return base;
            }

            @Override
            public boolean canResume() {
                return false;
            }

            @Override
            public Decoded decode(String frame, java.time.Instant receivedAt) {
                return json.decode(frame, receivedAt);
            }
        };
        connectTo(upstream.uri(), noReplay);
        java.time.Instant before = java.time.Instant.now();

        upstream.closeSessions();

        Poll.until(WAIT, "a gap recorded once live again", () -> gaps.size() == 1);
        FeedGap gap = gaps.getFirst();
        assertThat(gap.feed()).isEqualTo("test");
        assertThat(gap.from()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(gap.to()).isAfterOrEqualTo(gap.from());
        assertThat(upstream.connectQueries()).containsOnly("");
    }

    @Test
    void the_health_check_turns_down_once_a_feed_is_not_live_for_longer_than_the_grace() throws Exception {
        connectTo(upstream.uri());
        Duration grace = Duration.ofMillis(300);
        assertThat(FeedObservability.indicator(supervisor, grace, Clock.systemUTC()).health().getStatus())
                .isEqualTo(org.springframework.boot.health.contributor.Status.UP);

        upstream.close();
        Poll.until(WAIT, "reconnecting", () -> supervisor.state() == FeedState.RECONNECTING);
        Poll.until(WAIT, "down after the grace", () -> FeedObservability.indicator(supervisor, grace, Clock.systemUTC())
                .health().getStatus().equals(org.springframework.boot.health.contributor.Status.DOWN));
        assertThat(FeedObservability.indicator(supervisor, grace, Clock.systemUTC()).health().getDetails())
                .containsEntry("state", "reconnecting");
    }

    @Test
    void an_upstream_that_says_it_could_not_replay_everything_leaves_a_gap_with_the_count() {
        connectTo(upstream.uri());

        upstream.sendRaw("[{\"type\":\"gap\",\"missed\":7}]");

        Poll.until(WAIT, "the gap recorded", () -> gaps.size() == 1);
        assertThat(gaps.getFirst().missed()).isEqualTo(7L);
        assertThat(supervisor.status().rejectedTotal()).isZero();
    }

    @Test
    void an_address_that_is_not_a_websocket_puts_the_feed_down_with_the_reason() {
        FeedProperties.Upstream feed = new FeedProperties.Upstream("test", URI.create("http://127.0.0.1:1/feed"),
                FeedProperties.Protocol.WIREWATCH_JSON, Map.of());
        supervisor = new FeedSupervisor(feed, settings, new WirewatchJsonProtocol("test"), alerts, http, feedThread,
                new ReconnectBackoff(settings.reconnectBase(), settings.reconnectCap(), new Random(7)),
                Clock.systemUTC(), statusChanges::add, history);
        supervisor.start(null);

        FeedStatus status = Poll.until(WAIT, "down", supervisor::status, current -> current.state() == FeedState.DOWN);
        assertThat(status.lastError()).startsWith("cannot connect to http://127.0.0.1:1/feed");
        assertThat(status.reconnects()).isZero();
    }

    @Test
    void stopping_closes_the_connection_and_reports_down() {
        connectTo(upstream.uri());
        supervisor.stop();

        Poll.until(WAIT, "server saw the close", () -> upstream.openSessions() == 0);
        assertThat(supervisor.status().state()).isEqualTo(FeedState.DOWN);
        assertThat(upstream.connectQueries()).hasSize(1);
    }
}
