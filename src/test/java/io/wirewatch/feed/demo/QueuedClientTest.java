package io.wirewatch.feed.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wirewatch.testing.Poll;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

class QueuedClientTest {

    @Test
    void a_client_that_stops_reading_never_blocks_the_player_and_is_dropped_when_its_queue_is_full()
            throws Exception {
        WebSocketSession stuck = mock(WebSocketSession.class);
        when(stuck.getId()).thenReturn("stuck");
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger sending = new AtomicInteger();
        doAnswer(invocation -> {
            sending.incrementAndGet();
            never.await();
            return null;
        }).when(stuck).sendMessage(any(TextMessage.class));
        QueuedClient client = new QueuedClient(stuck);

        assertThat(client.send("first")).isTrue();
        Poll.until(Duration.ofSeconds(5), "the first frame is being sent", () -> sending.get() == 1);
        long start = System.nanoTime();
        for (int i = 0; i < QueuedClient.QUEUE_LIMIT; i++) {
            assertThat(client.send("frame " + i)).isTrue();
        }
        boolean overflow = client.send("one too many");
        Duration queuing = Duration.ofNanos(System.nanoTime() - start);

        assertThat(overflow).isFalse();
        assertThat(queuing).as("queueing never waits for the socket").isLessThan(Duration.ofSeconds(2));
        verify(stuck).close(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(client.send("after the drop")).isFalse();
        never.countDown();
    }

    @Test
    void frames_go_out_in_order() throws Exception {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn("reader");
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            sent.add(((TextMessage) invocation.getArgument(0)).getPayload());
            return null;
        }).when(session).sendMessage(any(TextMessage.class));
        QueuedClient client = new QueuedClient(session);

        for (int i = 0; i < 50; i++) {
            client.send("frame " + i);
        }

        Poll.until(Duration.ofSeconds(5), "all sent", () -> sent.size() == 50);
        assertThat(sent).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> "frame " + i).toList());
    }
}
