package io.wirewatch.feed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoFeedPlayerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static DemoFeedPlayer player(int replayBuffer) {
        DemoFeedProperties properties = new DemoFeedProperties(true, "token", Duration.ofSeconds(3), 0.0, replayBuffer);
        List<DemoStory> stories = List.of(
                new DemoStory("One", "First story", "markets", "normal", null, null),
                new DemoStory("Two", "Second story", "sports", "high", "https://wire.example/two", null));
        return new DemoFeedPlayer(properties, stories, Clock.fixed(START, ZoneOffset.UTC), new Random(1));
    }

    private static List<JsonNode> items(List<String> frames) {
        List<JsonNode> items = new ArrayList<>();
        for (String frame : frames) {
            JsonNode root = JSON.readTree(frame);
            (root.isArray() ? root.values() : List.of(root)).forEach(items::add);
        }
        return items;
    }

    @Test
    void a_client_resuming_within_the_buffer_gets_exactly_what_it_missed() {
        DemoFeedPlayer player = player(100);
        List<String> live = new ArrayList<>();
        player.connect(frame -> live.add(frame), null);
        for (int i = 0; i < 5; i++) {
            player.playNext();
        }
        long secondSeq = items(live).get(1).get("seq").longValue();

        List<String> resumed = new ArrayList<>();
        player.connect(frame -> resumed.add(frame), secondSeq);

        assertThat(items(resumed)).extracting(item -> item.get("seq").longValue())
                .containsExactly(secondSeq + 1, secondSeq + 2, secondSeq + 3);
    }

    @Test
    void a_client_resuming_from_before_the_buffer_is_told_how_many_it_cannot_have() {
        DemoFeedPlayer player = player(5);
        List<String> live = new ArrayList<>();
        player.connect(frame -> live.add(frame), null);
        for (int i = 0; i < 10; i++) {
            player.playNext();
        }
        long secondSeq = items(live).get(1).get("seq").longValue();

        List<String> resumed = new ArrayList<>();
        player.connect(frame -> resumed.add(frame), secondSeq);

        List<JsonNode> items = items(resumed);
        assertThat(items.getFirst().get("type").asString()).isEqualTo("gap");
        assertThat(items.getFirst().get("missed").longValue()).isEqualTo(3);
        assertThat(items.subList(1, items.size())).extracting(item -> item.get("seq").longValue())
                .containsExactly(secondSeq + 4, secondSeq + 5, secondSeq + 6, secondSeq + 7, secondSeq + 8);
    }

    @Test
    void a_cursor_from_an_earlier_run_is_no_gap_because_nothing_was_sent_meanwhile() {
        DemoFeedPlayer player = player(5);
        for (int i = 0; i < 10; i++) {
            player.playNext();
        }
        List<String> resumed = new ArrayList<>();

        player.connect(frame -> resumed.add(frame), 42L);

        assertThat(items(resumed)).noneMatch(item -> item.has("type"));
    }
}
