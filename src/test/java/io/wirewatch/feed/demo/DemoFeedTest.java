package io.wirewatch.feed.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.feed.FeedManager;
import io.wirewatch.feed.FeedState;
import io.wirewatch.testing.FeedRecorder;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The embedded demo upstream over real WebSockets on loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.token=demo-test-token",
        "wirewatch.demo-feed.interval=100ms"})
class DemoFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    FeedManager feeds;

    private URI feedUri(String query) {
        return URI.create("ws://127.0.0.1:" + port + DemoFeedConfiguration.PATH + query);
    }

    @Test
    void the_app_connects_its_own_client_with_the_token_and_goes_live() {
        Poll.until(WAIT, "demo feed live and delivering", () -> feeds.statuses().stream()
                .anyMatch(status -> status.feed().equals("demo") && status.state() == FeedState.LIVE
                        && status.received() > 0));
    }

    @Test
    void a_client_without_the_token_is_refused_before_the_upgrade() {
        assertThatThrownBy(() -> new FeedRecorder(feedUri(""), null, null))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void the_benchmark_baseline_is_not_served_outside_the_bench_profile() {
        assertThatThrownBy(() -> new FeedRecorder(URI.create("ws://127.0.0.1:" + port + "/bench/baseline"), null, null))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void a_client_with_a_wrong_token_is_refused_before_the_upgrade() {
        assertThatThrownBy(() -> new FeedRecorder(feedUri(""), DemoFeedHandshake.TOKEN_HEADER, "demo-test-tokeX"))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void the_feed_plays_fresh_ids_with_increasing_seq_and_a_resuming_client_gets_what_it_missed() throws Exception {
        List<FeedRecorder.Item> first;
        try (FeedRecorder recorder = new FeedRecorder(feedUri(""), DemoFeedHandshake.TOKEN_HEADER, "demo-test-token")) {
            first = Poll.until(WAIT, "five items", recorder::items, items -> items.size() >= 5);
        }
        assertThat(first).extracting(FeedRecorder.Item::seq).isSorted().doesNotHaveDuplicates();
        assertThat(first).extracting(FeedRecorder.Item::id).doesNotHaveDuplicates();
        long lastSeen = first.getLast().seq();

        // Away for a while, then back with since=<last seen>: the gap is replayed, nothing twice.
        Poll.until(WAIT, "the feed moved on", () -> feeds.statuses().getFirst().cursor() != null
                && feeds.statuses().getFirst().cursor() > lastSeen + 3);
        try (FeedRecorder resumed = new FeedRecorder(feedUri("?since=" + lastSeen), DemoFeedHandshake.TOKEN_HEADER,
                "demo-test-token")) {
            List<FeedRecorder.Item> items = Poll.until(WAIT, "replayed items", resumed::items, seen -> seen.size() >= 3);
            assertThat(items.getFirst().seq()).isEqualTo(lastSeen + 1);
            assertThat(items).extracting(FeedRecorder.Item::seq).isSorted().doesNotHaveDuplicates();
            for (int i = 1; i < items.size(); i++) {
                assertThat(items.get(i).seq()).isEqualTo(items.get(i - 1).seq() + 1);
            }
        }
    }
}
