package io.wirewatch.feed.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the bundled stories in a loop, as {@code wirewatch-json} frames, to every connected client.
 * Every alert gets a fresh id and the next {@code seq}; sequence numbers start at the start-up time
 * in milliseconds, so they keep increasing across restarts. The last {@code replayBuffer} alerts are
 * kept so a client resuming with {@code since} gets what it missed.
 */
final class DemoFeedPlayer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeedPlayer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int REPLAY_FRAME_ITEMS = 50;

    /** A client of the feed: where frames go. */
    interface Client {
        /** Returns false when the client is gone and should be forgotten. */
        boolean send(String frame);
    }

    private final DemoFeedProperties properties;
    private final List<DemoStory> stories;
    private final Clock clock;
    private final RandomGenerator random;
    private final ArrayDeque<Sent> buffer = new ArrayDeque<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<Runnable> sentListeners = new CopyOnWriteArrayList<>();
    private @Nullable ScheduledExecutorService timer;
    private long seq;
    /** Sequence numbers before this came from an earlier run, whose alerts this one cannot know. */
    private final long startSeq;
    private int next;

    private record Sent(long seq, String json) {
    }

    DemoFeedPlayer(DemoFeedProperties properties, List<DemoStory> stories, Clock clock, RandomGenerator random) {
        if (stories.isEmpty()) {
            throw new IllegalArgumentException("the demo feed needs at least one story");
        }
        this.properties = properties;
        // The bundle is grouped by category; a shuffled order reads like a real wire.
        List<DemoStory> order = new ArrayList<>(stories);
        java.util.Collections.shuffle(order, random);
        this.stories = List.copyOf(order);
        this.clock = clock;
        this.random = random;
        this.seq = clock.millis();
        this.startSeq = seq;
    }

    static List<DemoStory> bundledStories() {
        try (InputStream in = new ClassPathResource("demo/alerts.json").getInputStream()) {
            return JSON.readValue(in, new TypeReference<List<DemoStory>>() { });
        } catch (IOException missing) {
            throw new IllegalStateException("demo/alerts.json is missing from the classpath", missing);
        }
    }

    /** Sends the next story (and, now and then, a burst of more) to every client. */
    synchronized void playNext() {
        int count = random.nextDouble() < properties.burstChance() ? 3 + random.nextInt(3) : 1;
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(nextItem());
        }
        String frame = items.size() == 1 ? items.getFirst() : "[" + String.join(",", items) + "]";
        clients.removeIf(client -> !client.send(frame));
    }

    private String nextItem() {
        DemoStory story = stories.get(next);
        next = (next + 1) % stories.size();
        seq++;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("seq", seq);
        item.put("id", "w" + seq);
        item.put("title", story.title());
        item.put("description", story.description());
        item.put("category", story.category());
        item.put("priority", story.priority());
        if (story.url() != null) {
            item.put("url", story.url());
        }
        if (story.symbols() != null && !story.symbols().isEmpty()) {
            item.put("symbols", story.symbols());
        }
        item.put("source", "Wirewatch demo wire");
        item.put("publishedAt", clock.instant().toString());
        String json = JSON.writeValueAsString(item);
        buffer.addLast(new Sent(seq, json));
        while (buffer.size() > properties.replayBuffer()) {
            buffer.pollFirst();
        }
        return json;
    }

    /**
     * Adds a client, first sending what it missed after {@code since}. Atomic with {@link #playNext},
     * so nothing is sent twice or skipped between the replay and the live stream.
     */
    synchronized void connect(Client client, @Nullable Long since) {
        if (since != null) {
            long oldestKept = buffer.isEmpty() ? seq + 1 : buffer.peekFirst().seq();
            long lost = Math.min(oldestKept, seq + 1) - since - 1;
            if (lost > 0 && since >= startSeq) {
                // The replay buffer no longer reaches back to `since`: say so rather than hide it.
                if (!client.send("[{\"type\":\"gap\",\"missed\":" + lost + "}]")) {
                    return;
                }
            }
            List<String> missed = new ArrayList<>();
            for (Sent sent : buffer) {
                if (sent.seq() > since) {
                    missed.add(sent.json());
                }
                if (missed.size() == REPLAY_FRAME_ITEMS) {
                    if (!client.send("[" + String.join(",", missed) + "]")) {
                        return;
                    }
                    missed.clear();
                }
            }
            if (!missed.isEmpty() && !client.send("[" + String.join(",", missed) + "]")) {
                return;
            }
        }
        clients.add(client);
    }

    void disconnect(Client client) {
        clients.remove(client);
    }


    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        ScheduledExecutorService newTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("demo-feed").daemon().factory());
        long periodMillis = Math.max(1, properties.interval().toMillis());
        newTimer.scheduleAtFixedRate(this::playSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        timer = newTimer;
        log.info("Demo feed playing {} stories, one every {} ms", stories.size(), periodMillis);
    }

    private void playSafely() {
        try {
            playNext();
        } catch (RuntimeException bug) {
            log.error("Demo feed failed to play a story", bug);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Stops after the feed clients (which stop at the default phase), so they never see it vanish. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
