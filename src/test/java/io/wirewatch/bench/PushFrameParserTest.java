package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.bench.PushFrameParser.Frame;
import io.wirewatch.bench.PushFrameParser.Kind;
import io.wirewatch.bench.PushFrameParser.PushProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parser over push traffic recorded from the running app (src/test/resources/bench/push-frames,
 * see the README there): one line of a recording is one piece of text as the JDK WebSocket handed
 * it to the listener.
 */
class PushFrameParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String> recording(String name) throws IOException {
        try (InputStream in = PushFrameParserTest.class.getResourceAsStream("/bench/push-frames/" + name)) {
            assertThat(in).as("recording %s", name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().toList();
        }
    }

    private static List<Frame> feedAll(PushFrameParser parser, List<String> chunks) {
        List<Frame> frames = new ArrayList<>();
        for (String chunk : chunks) {
            frames.addAll(parser.feed(chunk));
        }
        return frames;
    }

    /** A parser that has already read the connection's handshake, as every real one has. */
    private static PushFrameParser afterHandshake() throws IOException {
        PushFrameParser parser = new PushFrameParser();
        assertThat(feedAll(parser, recording("01-handshake.txt"))).extracting(Frame::kind)
                .containsExactly(Kind.HANDSHAKE);
        return parser;
    }

    @Test
    void the_atmosphere_handshake_is_recognised_and_carries_no_alerts() throws IOException {
        List<Frame> frames = feedAll(new PushFrameParser(), recording("01-handshake.txt"));

        assertThat(frames).hasSize(1);
        assertThat(frames.getFirst().kind()).isEqualTo(Kind.HANDSHAKE);
        assertThat(frames.getFirst().payload()).isEqualTo("6de40734-b80a-440f-a9a0-d0497c20d797|0|X|");
        assertThat(frames.getFirst().alertIds()).isEmpty();
    }

    @Test
    void a_pushed_message_with_one_card_yields_its_alert_id() throws IOException {
        PushFrameParser parser = afterHandshake();

        List<Frame> frames = feedAll(parser, recording("02-one-alert.txt"));

        assertThat(frames).hasSize(1);
        Frame frame = frames.getFirst();
        assertThat(frame.kind()).isEqualTo(Kind.UIDL);
        assertThat(frame.alertIds()).containsExactly("demo:w1795757125575");
        assertThat(frame.syncId()).isEqualTo(2);
        assertThat(parser.hasPartialFrame()).isFalse();
    }

    /** A recorded first page and the live push after it, as one frame each. */
    private record PageThenLive(Frame page, Frame live) {
    }

    /**
     * Feeds a recorded first page (in this many pieces) and the live push recorded after it, and
     * checks what every such pair shows: the page, syncId 2, draws the whole list, which is the
     * element whose aria-busy the same message removes; the live push only patches it.
     */
    private static PageThenLive firstPageThenLive(String pageRecording, int pieces, String liveRecording)
            throws IOException {
        PushFrameParser parser = afterHandshake();
        List<String> pagePieces = recording(pageRecording);
        assertThat(pagePieces).hasSize(pieces);
        List<Frame> page = feedAll(parser, pagePieces);
        List<Frame> live = feedAll(parser, recording(liveRecording));
        assertThat(parser.hasPartialFrame()).isFalse();
        assertThat(page).hasSize(1);
        assertThat(live).hasSize(1);

        JsonNode first = page.getFirst().uidl();
        assertThat(page.getFirst().syncId()).isEqualTo(2);
        assertThat(PushFrameParser.drawsWholeList(first)).isTrue();
        assertThat(first.path("changes")).anySatisfy(change -> {
            assertThat(change.path("key").asString()).isEqualTo("aria-busy");
            assertThat(change.path("node").asInt()).isEqualTo(PushFrameParser.wholeListNode(first));
        });
        assertThat(PushFrameParser.removedCards(first)).isEmpty();
        assertThat(PushFrameParser.drawsWholeList(live.getFirst().uidl())).isFalse();
        assertThat(PushFrameParser.wholeListNode(live.getFirst().uidl())).isEqualTo(-1);
        return new PageThenLive(page.getFirst(), live.getFirst());
    }

    @Test
    void a_first_page_draws_the_whole_list_and_a_live_alert_after_it_patches_it() throws IOException {
        PageThenLive frames = firstPageThenLive("07-first-page.txt", 46, "08-live-after-first-page.txt");

        assertThat(frames.page().alertIds()).hasSize(200).allMatch(id -> id.startsWith("demo:"));
        assertThat(frames.live().syncId()).isEqualTo(3);
        assertThat(frames.live().alertIds()).containsExactly("demo:w1795789656157");
        assertThat(PushFrameParser.removedCards(frames.live().uidl())).containsExactly("demo:w1795789000227");
    }

    @Test
    void pushes_that_call_the_lists_function_are_read_like_the_whole_script_was() throws IOException {
        PageThenLive frames = firstPageThenLive("09-first-page-call.txt", 16, "10-live-call-split.txt");

        assertThat(frames.page().uidl().path("execute")).singleElement()
                .satisfies(call -> assertThat(call.get(call.size() - 1).asString()).contains("this.wirewatchPatch($0, "));
        assertThat(frames.page().alertIds()).hasSize(69).allMatch(id -> id.startsWith("demo:"))
                .startsWith("demo:w1795797697031", "demo:w1795797697028");
        // A live card, in a frame that came in two pieces, with its announcement for screen readers.
        assertThat(frames.live().syncId()).isEqualTo(9);
        assertThat(frames.live().payload()).hasSize(909).contains("New alert: Rugby: Westmarch name uncapped flanker");
        assertThat(frames.live().alertIds()).containsExactly("demo:w1795797697066");
        assertThat(PushFrameParser.removedCards(frames.live().uidl())).isEmpty();
    }

    @Test
    void the_lists_function_definition_is_no_patch_and_a_call_that_removes_cards_is_read() {
        // As in the answer to a navigation or a resynchronisation: the definition, then the whole list.
        String card = "<article class=\"alert-card priority-normal\" data-alert-id=\"demo:c\" data-category=\"world\""
                + " data-revision=\"2\"><h3 class=\"headline\">C</h3></article>";
        String define = "return (async function() { this.wirewatchPatch = function($0, $1, $2, $3, $4, $5, $6) {"
                + " const list = this; if ($0 !== null) { list.innerHTML = $0; return; } }}).apply($0)";
        String call = "return (async function() { this.wirewatchPatch($0, $1, $2, $3, $4, $5, $6)}).apply($7)";
        ObjectNode answer = JSON.createObjectNode().put("syncId", 1);
        ArrayNode execute = answer.putArray("execute");
        execute.addArray().add(JSON.createObjectNode().put("@v-node", 6)).add(define);
        JsonNode definitionOnly = PushFrameParser.parseUidl(answer.toString());
        execute.addArray().add(card).add(JSON.createArrayNode()).add(JSON.createArrayNode()).add("").add("")
                .addNull().addNull().add(JSON.createObjectNode().put("@v-node", 6)).add(call);
        JsonNode withWholeList = PushFrameParser.parseUidl(answer.toString());

        ObjectNode push = JSON.createObjectNode().put("syncId", 2);
        push.putArray("execute").addArray().addNull().add(JSON.createArrayNode().add("demo:a").add("demo:b"))
                .add(JSON.createArrayNode()).add(card).add("").addNull().addNull()
                .add(JSON.createObjectNode().put("@v-node", 6)).add(call);
        JsonNode patch = PushFrameParser.parseUidl(push.toString());

        assertThat(PushFrameParser.drawsWholeList(definitionOnly)).isFalse();
        assertThat(PushFrameParser.removedCards(definitionOnly)).isEmpty();
        assertThat(PushFrameParser.addedCards(definitionOnly)).isEmpty();
        assertThat(PushFrameParser.wholeListNode(withWholeList)).isEqualTo(6);
        assertThat(PushFrameParser.addedCards(withWholeList)).containsExactly(new PushFrameParser.Card("demo:c", 2));
        assertThat(PushFrameParser.drawsWholeList(patch)).isFalse();
        assertThat(PushFrameParser.removedCards(patch)).containsExactly("demo:a", "demo:b");
        assertThat(PushFrameParser.addedCards(patch)).containsExactly(new PushFrameParser.Card("demo:c", 2));
    }

    @Test
    void a_frame_split_inside_the_card_markup_is_joined_before_parsing() throws IOException {
        PushFrameParser parser = afterHandshake();
        List<String> chunks = recording("03-split-inside-card.txt");
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1)).as("the cut falls inside the card's headline").startsWith("ority reports record");

        assertThat(parser.feed(chunks.get(0))).isEmpty();
        assertThat(parser.hasPartialFrame()).isTrue();
        List<Frame> frames = parser.feed(chunks.get(1));

        assertThat(frames).extracting(Frame::alertIds).containsExactly(List.of("demo:w1795757125747"));
        assertThat(frames.getFirst().cards()).containsExactly(new PushFrameParser.Card("demo:w1795757125747", 1));
        assertThat(frames.getFirst().syncId()).isEqualTo(94);
        assertThat(parser.hasPartialFrame()).isFalse();
    }

    @Test
    void a_burst_in_two_pieces_yields_all_four_alerts_newest_first() throws IOException {
        PushFrameParser parser = new PushFrameParser();
        feedAll(parser, recording("01-handshake.txt"));
        List<String> chunks = recording("04-burst-four-alerts.txt");
        assertThat(chunks).hasSize(2);

        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<Frame> completed = parser.feed(chunks.get(i));
            assertThat(completed).as("frames completed by piece %d", i).hasSize(i == chunks.size() - 1 ? 1 : 0);
            frames.addAll(completed);
        }

        assertThat(frames.getFirst().alertIds()).containsExactly("demo:w1795757125682", "demo:w1795757125681",
                "demo:w1795757125680", "demo:w1795757125679");
        assertThat(frames.getFirst().syncId()).isEqualTo(57);
    }

    @Test
    void the_message_after_unload_is_uidl_without_alerts() throws IOException {
        PushFrameParser parser = afterHandshake();

        List<Frame> frames = feedAll(parser, recording("05-after-unload.txt"));

        assertThat(frames).hasSize(1);
        assertThat(frames.getFirst().kind()).isEqualTo(Kind.UIDL);
        assertThat(frames.getFirst().alertIds()).isEmpty();
        assertThat(frames.getFirst().syncId()).isEqualTo(118);
    }

    @Test
    void one_connection_recorded_in_sequence_gives_handshake_then_uidl_in_order() throws IOException {
        PushFrameParser parser = new PushFrameParser();
        List<String> chunks = new ArrayList<>();
        for (String name : List.of("01-handshake.txt", "02-one-alert.txt", "03-split-inside-card.txt",
                "05-after-unload.txt")) {
            chunks.addAll(recording(name));
        }

        List<Frame> frames = feedAll(parser, chunks);

        assertThat(frames).extracting(Frame::kind).containsExactly(Kind.HANDSHAKE, Kind.UIDL, Kind.UIDL, Kind.UIDL);
        assertThat(frames).extracting(Frame::syncId).containsExactly(-1L, 2L, 94L, 118L);
        assertThat(frames.stream().flatMap(frame -> frame.alertIds().stream()))
                .containsExactly("demo:w1795757125575", "demo:w1795757125747");
    }

    @Test
    void several_frames_in_one_piece_are_all_returned() throws IOException {
        // Atmosphere may put the handshake and the first message in one socket message; built here
        // from recorded frames, since the recordings never caught two in one.
        String all = String.join("", recording("01-handshake.txt")) + String.join("", recording("02-one-alert.txt"))
                + String.join("", recording("05-after-unload.txt"));

        List<Frame> frames = new PushFrameParser().feed(all);

        assertThat(frames).extracting(Frame::kind).containsExactly(Kind.HANDSHAKE, Kind.UIDL, Kind.UIDL);
        assertThat(frames.get(1).alertIds()).containsExactly("demo:w1795757125575");
    }

    @Test
    void pieces_that_end_one_frame_and_start_the_next_keep_the_rest_for_later() throws IOException {
        String stream = String.join("", recording("01-handshake.txt")) + String.join("", recording("02-one-alert.txt"))
                + String.join("", recording("03-split-inside-card.txt"));
        PushFrameParser parser = new PushFrameParser();
        List<Frame> frames = new ArrayList<>();

        // Cut every 1000 chars, and once inside a length prefix.
        int cut = stream.indexOf(recording("03-split-inside-card.txt").getFirst().split("\\|")[0] + "|") + 2;
        for (int at = 0; at < stream.length(); ) {
            int end = Math.min(stream.length(), at < cut && cut < at + 1000 ? cut : at + 1000);
            frames.addAll(parser.feed(stream.substring(at, end)));
            at = end;
        }

        assertThat(frames).extracting(Frame::kind).containsExactly(Kind.HANDSHAKE, Kind.UIDL, Kind.UIDL);
        assertThat(frames.stream().flatMap(frame -> frame.alertIds().stream()))
                .containsExactly("demo:w1795757125575", "demo:w1795757125747");
        assertThat(parser.hasPartialFrame()).isFalse();
    }

    @Test
    void lengths_count_chars_not_bytes() {
        String payload = "{\"syncId\":3,\"changes\":[{\"node\":9,\"type\":\"put\",\"key\":\"text\","
                + "\"feat\":7,\"value\":\"TSNC · EMBG\"}]}";

        List<Frame> frames = new PushFrameParser().feed(payload.length() + "|" + payload);

        assertThat(frames).extracting(Frame::syncId).containsExactly(3L);
    }

    @Test
    void an_idle_connection_brings_only_atmosphere_heartbeats_until_unload() throws IOException {
        List<Frame> frames = feedAll(new PushFrameParser(), recording("06-idle-heartbeats.txt"));

        assertThat(frames).extracting(Frame::kind)
                .containsExactly(Kind.HANDSHAKE, Kind.HEARTBEAT, Kind.HEARTBEAT, Kind.UIDL);
        assertThat(frames).extracting(Frame::payload).element(1).isEqualTo("X");
        assertThat(frames).allSatisfy(frame -> assertThat(frame.alertIds()).isEmpty());
        assertThat(frames.getLast().syncId()).isEqualTo(2);
    }

    @Test
    void atmosphere_heartbeats_and_blank_frames_are_ignored() throws IOException {
        PushFrameParser parser = afterHandshake();

        List<Frame> frames = parser.feed("1|X1| ");

        assertThat(frames).extracting(Frame::kind).containsExactly(Kind.HEARTBEAT, Kind.HEARTBEAT);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.alertIds()).isEmpty());
    }

    @Test
    void the_legacy_for_loop_wrapping_is_unwrapped() throws IOException {
        String uidl = String.join("", recording("02-one-alert.txt")).split("\\|", 2)[1];
        String wrapped = "for(;;);[" + uidl + "]";

        List<Frame> frames = new PushFrameParser().feed(wrapped.length() + "|" + wrapped);

        assertThat(frames.getFirst().alertIds()).containsExactly("demo:w1795757125575");
    }

    @Test
    void cards_are_listed_with_their_revisions_from_every_argument_and_other_markup_is_not_a_card() {
        String uidl = patch(card("demo:z", 1), List.of("demo:gone"), List.of(List.of("demo:a", card("demo:a", 2))),
                card("demo:b&amp;c", 1) + card("demo:d", 1), "<p data-alert-id=\"not-a-card\">x</p>");

        List<PushFrameParser.Card> cards = PushFrameParser.addedCards(PushFrameParser.parseUidl(uidl));

        assertThat(cards).containsExactly(new PushFrameParser.Card("demo:z", 1), new PushFrameParser.Card("demo:a", 2),
                new PushFrameParser.Card("demo:b&c", 1), new PushFrameParser.Card("demo:d", 1));
    }

    @Test
    void card_markup_without_an_id_or_revision_is_rejected() {
        String noId = patch(null, List.of(), List.of(), "<article class=\"alert-card\" data-revision=\"1\"></article>", "");
        String noRevision = patch(null, List.of(), List.of(),
                "<article class=\"alert-card\" data-alert-id=\"demo:a\"><span data-revision=\"1\"></span></article>", "");

        assertThatThrownBy(() -> PushFrameParser.addedCards(PushFrameParser.parseUidl(noId)))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("without its id or revision");
        assertThatThrownBy(() -> PushFrameParser.addedCards(PushFrameParser.parseUidl(noRevision)))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("without its id or revision");
    }

    /** A UIDL message with one patch invocation, shaped as the app sends it (see the recordings). */
    private static String patch(String whole, List<String> removed, List<List<String>> replaced, String top, String bottom) {
        List<Object> invocation = java.util.Arrays.asList(whole, removed, replaced, top, bottom,
                java.util.Map.of("@v-node", 6), "return (async function() { }).apply($5)");
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(java.util.Map.of("syncId", 4, "execute", List.of(invocation)));
    }

    private static String card(String escapedId, int revision) {
        return "<article class=\"alert-card priority-normal\" data-alert-id=\"" + escapedId
                + "\" data-category=\"markets\" data-revision=\"" + revision + "\"><h3 class=\"headline\">x</h3></article>";
    }

    @Test
    void a_length_that_is_not_a_number_is_rejected() {
        PushFrameParser parser = new PushFrameParser();

        assertThatThrownBy(() -> parser.feed("{\"syncId\":1,\"changes\":[]}"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("does not start with a length");
    }

    @Test
    void a_frame_that_is_neither_uidl_nor_atmosphere_is_rejected() throws IOException {
        PushFrameParser parser = afterHandshake();

        assertThatThrownBy(() -> parser.feed("5|hello"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("neither UIDL nor Atmosphere");
    }

    @Test
    void a_wrong_length_breaks_the_stream_and_is_rejected() throws IOException {
        String frame = String.join("", recording("02-one-alert.txt"));
        String payload = frame.split("\\|", 2)[1];
        PushFrameParser parser = afterHandshake();

        // One char short: the frame ends before the JSON does, and the next "length" is JSON.
        assertThatThrownBy(() -> parser.feed((payload.length() - 1) + "|" + payload))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void uidl_that_is_not_json_is_rejected() {
        assertThatThrownBy(() -> new PushFrameParser().feed("9|{\"changes"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PushFrameParser.parseUidl("{\"changes\":{}}"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("changes is not an array");
        assertThatThrownBy(() -> PushFrameParser.parseUidl("for(;;);{\"changes\":[]}"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("one-element array");
    }

    @Test
    void a_parser_that_failed_refuses_everything_after() {
        PushFrameParser parser = new PushFrameParser();
        assertThatThrownBy(() -> parser.feed("x|")).isInstanceOf(PushProtocolException.class);

        assertThatThrownBy(() -> parser.feed("41|0c13bb78-3cc5-4b68-af3d-0fd11db5f4bb|0|X|"))
                .isInstanceOf(PushProtocolException.class).hasMessageContaining("already failed");
    }
}
