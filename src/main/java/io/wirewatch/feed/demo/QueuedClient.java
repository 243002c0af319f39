package io.wirewatch.feed.demo;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One demo feed client with its own bounded queue and its own (virtual) sending thread. The player
 * only queues, so a client that stops reading can delay nobody else; when its queue is full it is
 * dropped and may reconnect with {@code since} to catch up.
 */
final class QueuedClient implements DemoFeedPlayer.Client {

    static final int QUEUE_LIMIT = 1_000;
    private static final Logger log = LoggerFactory.getLogger(QueuedClient.class);
    private static final String STOP = "";

    private final WebSocketSession session;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LIMIT);
    private volatile boolean gone;

    QueuedClient(WebSocketSession session) {
        this.session = session;
        Thread.ofVirtual().name("demo-feed-send-" + session.getId()).start(this::sendLoop);
    }

    @Override
    public boolean send(String frame) {
        if (gone || !queue.offer(frame)) {
            if (!gone) {
                log.warn("Demo feed client {} is not reading; dropping it", session.getId());
                close(CloseStatus.SESSION_NOT_RELIABLE);
            }
            return false;
        }
        return true;
    }

    void close(CloseStatus status) {
        gone = true;
        queue.clear();
        queue.offer(STOP);
        try {
            session.close(status);
        } catch (IOException alreadyClosed) {
            log.trace("close failed", alreadyClosed);
        }
    }

    private void sendLoop() {
        try {
            while (!gone) {
                String frame = queue.take();
                if (frame.equals(STOP)) {
                    return;
                }
                session.sendMessage(new TextMessage(frame));
            }
        } catch (IOException | RuntimeException failed) {
            log.debug("Demo feed client {} is gone: {}", session.getId(), failed.toString());
            close(CloseStatus.SERVER_ERROR);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
