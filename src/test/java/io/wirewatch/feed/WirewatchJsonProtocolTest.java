package io.wirewatch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class WirewatchJsonProtocolTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T12:00:00Z");

    private final WirewatchJsonProtocol protocol = new WirewatchJsonProtocol("demo");

    /** Lets the test JSON use single quotes; none of the test values contain one. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private Decoded decode(String singleQuotedJson) {
        return protocol.decode(json(singleQuotedJson), RECEIVED);
    }

    private Alert only(Decoded decoded) {
        assertThat(decoded.rejections()).as("rejections").isEmpty();
        assertThat(decoded.alerts()).hasSize(1);
        return decoded.alerts().get(0);
    }

    private static void assertRejected(Decoded decoded, RejectReason reason) {
        assertThat(decoded.alerts()).isEmpty();
        assertThat(decoded.rejections()).containsExactly(reason);
        assertThat(decoded.fatalError()).isNull();
    }

    // --- good frames ------------------------------------------------------------------------------

    @Test
    void a_single_object_decodes_to_one_alert_with_every_field() {
        Alert alert = only(decode("""
                {'seq': 4, 'id': 'story-7', 'title': 'Apple beats estimates', 'description': 'Shares up 3%',
                 'category': 'markets', 'priority': 'high', 'url': 'https://example.com/apple',
                 'symbols': ['aapl', 'MSFT'], 'publishedAt': '2025-03-01T11:00:00Z',
                 'updatedAt': '2025-03-01T11:30:00Z', 'action': 'created'}
                """));

        assertThat(alert.id()).isEqualTo("demo:story-7");
        assertThat(alert.source()).isEqualTo("demo");
        assertThat(alert.sourceId()).isEqualTo("story-7");
        assertThat(alert.revision()).isEqualTo(1);
        assertThat(alert.action()).isEqualTo(AlertAction.CREATED);
        assertThat(alert.headline()).isEqualTo("Apple beats estimates");
        assertThat(alert.summary()).isEqualTo("Shares up 3%");
        assertThat(alert.category()).isEqualTo(Category.MARKETS);
        assertThat(alert.priority()).isEqualTo(Priority.HIGH);
        assertThat(alert.url()).isEqualTo("https://example.com/apple");
        assertThat(alert.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(alert.publishedAt()).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
        assertThat(alert.updatedAt()).isEqualTo(Instant.parse("2025-03-01T11:30:00Z"));
        assertThat(alert.receivedAt()).isEqualTo(RECEIVED);
        assertThat(alert.test()).isFalse();
    }

    @Test
    void a_title_alone_is_enough_and_the_rest_defaults() {
        Alert alert = only(decode("{'title': 'Quake hits coast'}"));

        assertThat(alert.headline()).isEqualTo("Quake hits coast");
        assertThat(alert.summary()).isEmpty();
        assertThat(alert.url()).isNull();
        assertThat(alert.category()).isEqualTo(Category.GENERAL);
        assertThat(alert.priority()).isEqualTo(Priority.NORMAL);
        assertThat(alert.symbols()).isEmpty();
        assertThat(alert.action()).isEqualTo(AlertAction.CREATED);
        assertThat(alert.publishedAt()).isEqualTo(RECEIVED);
        assertThat(alert.updatedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void an_array_of_objects_decodes_to_alerts_in_frame_order() {
        Decoded decoded = decode("[{'id': 'a', 'title': 'First'}, {'id': 'b', 'title': 'Second'},"
                + " {'id': 'c', 'title': 'Third'}]");

        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.alerts()).extracting(Alert::headline).containsExactly("First", "Second", "Third");
        assertThat(decoded.alerts()).extracting(Alert::id).containsExactly("demo:a", "demo:b", "demo:c");
    }

    @Test
    void an_empty_array_holds_nothing_and_rejects_nothing() {
        Decoded decoded = decode("[]");

        assertThat(decoded.alerts()).isEmpty();
        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.cursor()).isNull();
    }

    @Test
    void explicit_nulls_count_as_absent_fields() {
        Alert alert = only(decode("{'title': 'T', 'description': null, 'url': null, 'category': null,"
                + " 'priority': null, 'symbols': null, 'publishedAt': null, 'action': null, 'id': null}"));

        assertThat(alert.summary()).isEmpty();
        assertThat(alert.url()).isNull();
        assertThat(alert.category()).isEqualTo(Category.GENERAL);
        assertThat(alert.action()).isEqualTo(AlertAction.CREATED);
        assertThat(alert.sourceId()).startsWith("h");
    }

    // --- rejections ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{'title': 'a'", "[{'title': 'a'},", "{'title': 'a'} trailing"})
    void a_frame_that_is_not_json_is_rejected_as_malformed(String frame) {
        Decoded decoded = decode(frame);

        assertRejected(decoded, RejectReason.MALFORMED_JSON);
        assertThat(decoded.cursor()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "'a string'", "true", "null"})
    void a_frame_whose_root_is_neither_object_nor_array_is_the_wrong_type(String frame) {
        assertRejected(decode(frame), RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[42]",
            "['just text']",
            "[null]",
            "{'title': 42}",
            "{'title': ['a']}",
            "{'title': 'T', 'category': {'key': 'markets'}}",
            "{'title': 'T', 'description': 7}",
            "{'title': 'T', 'url': 7}",
            "{'title': 'T', 'priority': 1}",
            "{'title': 'T', 'publishedAt': 'yesterday'}",
            "{'title': 'T', 'publishedAt': 1.5}",
            "{'title': 'T', 'updatedAt': true}",
            "{'title': 'T', 'symbols': 'AAPL'}",
            "{'title': 'T', 'symbols': [42]}",
            "{'title': 'T', 'symbols': ['not a symbol!']}",
            "{'title': 'T', 'action': 'archived'}",
            "{'title': 'T', 'action': 3}",
            "{'title': 'T', 'id': true}",
            "{'title': 'T', 'id': 1.5}"})
    void an_item_with_a_field_of_the_wrong_type_is_rejected_as_the_wrong_type(String frame) {
        assertRejected(decode(frame), RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'description': 'no title'}", "{'title': ''}", "{'title': '   '}",
            "{'title': null}", "{'title': '<b></b>'}"})
    void an_item_without_a_title_is_rejected_as_missing_its_title(String frame) {
        assertRejected(decode(frame), RejectReason.MISSING_TITLE);
    }

    @Test
    void a_title_of_300_characters_is_accepted_and_301_is_oversize() {
        assertThat(only(decode("{'title': '" + "t".repeat(300) + "'}")).headline()).hasSize(300);

        assertRejected(decode("{'title': '" + "t".repeat(301) + "'}"), RejectReason.OVERSIZE_FIELD);
    }

    @Test
    void a_description_of_5000_characters_is_accepted_and_5001_is_oversize() {
        assertThat(only(decode("{'title': 'T', 'description': '" + "d".repeat(5000) + "'}")).summary())
                .hasSize(5000);

        assertRejected(decode("{'title': 'T', 'description': '" + "d".repeat(5001) + "'}"),
                RejectReason.OVERSIZE_FIELD);
    }

    @Test
    void an_overlong_url_or_string_id_is_oversize() {
        assertRejected(decode("{'title': 'T', 'url': 'https://example.com/" + "u".repeat(2048) + "'}"),
                RejectReason.OVERSIZE_FIELD);
        assertRejected(decode("{'title': 'T', 'id': '" + "i".repeat(129) + "'}"), RejectReason.OVERSIZE_FIELD);
        assertThat(only(decode("{'title': 'T', 'id': '" + "i".repeat(128) + "'}")).sourceId()).hasSize(128);
    }

    @Test
    void an_id_with_a_control_character_or_half_a_surrogate_pair_is_rejected_and_the_rest_of_the_frame_kept() {
        // JSON escapes can carry both; the id is kept as sent, and PostgreSQL refuses a NUL in text,
        // so one such item must not make the whole frame's batch fail to store again and again.
        Decoded decoded = decode("""
                [
                  {'seq': 1, 'id': 'before', 'title': 'Before'},
                  {'seq': 2, 'id': 'nul\\u0000id', 'title': 'Null in the id'},
                  {'seq': 3, 'id': 'half\\ud83d', 'title': 'Half a pair in the id'},
                  {'seq': 4, 'id': 'pair\\ud83d\\ude00', 'title': 'A whole pair'}
                ]
                """);

        assertThat(decoded.alerts()).extracting(Alert::headline).containsExactly("Before", "A whole pair");
        assertThat(decoded.alerts().get(1).sourceId()).isEqualTo("pair😀");
        assertThat(decoded.rejections()).containsExactly(RejectReason.BAD_ID, RejectReason.BAD_ID);
        assertThat(decoded.cursor()).isEqualTo(4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.com/x", "/relative/path",
            "data:text/html,hello"})
    void an_item_whose_url_is_not_http_is_rejected_as_a_bad_url(String url) {
        assertRejected(decode("{'title': 'T', 'url': '" + url + "'}"), RejectReason.BAD_URL);
    }

    @Test
    void a_frame_mixing_good_and_bad_items_keeps_the_good_ones_and_names_each_bad_one() {
        Decoded decoded = decode("""
                [
                  {'seq': 1, 'id': 'g1', 'title': 'Good one'},
                  {'seq': 2, 'id': 'b1', 'description': 'no title'},
                  {'seq': 3, 'id': 'g2', 'title': 'Good two'},
                  42,
                  {'seq': 5, 'id': 'b3', 'title': 'Bad link', 'url': 'javascript:alert(1)'},
                  {'seq': 6, 'id': 'b4', 'title': '%s'},
                  {'seq': 7, 'id': 'g3', 'title': 'Good three'}
                ]
                """.formatted("x".repeat(301)));

        assertThat(decoded.alerts()).extracting(Alert::headline).containsExactly("Good one", "Good two", "Good three");
        assertThat(decoded.rejections()).containsExactly(RejectReason.MISSING_TITLE, RejectReason.WRONG_TYPE,
                RejectReason.BAD_URL, RejectReason.OVERSIZE_FIELD);
        assertThat(decoded.cursor()).isEqualTo(7L);
        assertThat(decoded.fatalError()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[[[]]]", "[{}, [], 1, 'x', null, true]",
            "{'title': 'T', 'seq': 99999999999999999999999}", "{'title': 'T', 'publishedAt': 9223372036854775807}",
            "{'title': 'T', 'id': 123456789012345678901234567890}"})
    void decode_never_throws_for_odd_frames(String frame) {
        assertThatCode(() -> decode(frame)).doesNotThrowAnyException();
    }

    // --- cursor -------------------------------------------------------------------------------------

    @Test
    void the_cursor_is_the_highest_seq_of_the_frame_whatever_the_order() {
        Decoded decoded = decode("[{'seq': 3, 'title': 'a'}, {'seq': 9, 'title': 'b'}, {'seq': 5, 'title': 'c'}]");

        assertThat(decoded.cursor()).isEqualTo(9L);
    }

    @Test
    void a_rejected_item_still_moves_the_cursor() {
        Decoded decoded = decode("[{'seq': 3, 'title': 'a'}, {'seq': 11, 'title': 123},"
                + " {'seq': 12, 'title': 'b', 'url': 'ftp://x'}, {'seq': 7, 'title': 'c'}]");

        assertThat(decoded.alerts()).hasSize(2);
        assertThat(decoded.rejections()).containsExactly(RejectReason.WRONG_TYPE, RejectReason.BAD_URL);
        assertThat(decoded.cursor()).isEqualTo(12L);
    }

    @Test
    void a_frame_without_seq_has_no_cursor() {
        assertThat(decode("[{'title': 'a'}, {'title': 'b'}]").cursor()).isNull();
    }

    @Test
    void a_seq_that_is_no_whole_number_is_ignored() {
        assertThat(decode("[{'seq': '15', 'title': 'a'}, {'seq': 2.5, 'title': 'b'}, {'seq': 4, 'title': 'c'}]")
                .cursor()).isEqualTo(4L);
    }

    @Test
    void a_single_object_with_seq_sets_the_cursor() {
        assertThat(decode("{'seq': 41, 'title': 'a'}").cursor()).isEqualTo(41L);
    }

    // --- ids ----------------------------------------------------------------------------------------

    @Test
    void a_string_id_becomes_the_source_id() {
        assertThat(only(decode("{'id': 'abc-123', 'title': 'T'}")).id()).isEqualTo("demo:abc-123");
    }

    @Test
    void a_numeric_id_becomes_the_source_id_as_text() {
        Alert alert = only(decode("{'id': 123, 'title': 'T'}"));

        assertThat(alert.sourceId()).isEqualTo("123");
        assertThat(alert.id()).isEqualTo("demo:123");
    }

    @Test
    void without_an_id_the_same_title_and_publication_time_give_the_same_stable_id() {
        String frame = "{'title': 'Quake hits coast', 'publishedAt': '2025-03-01T10:00:00Z'}";

        Alert first = only(protocol.decode(json(frame), RECEIVED));
        Alert again = only(protocol.decode(json(frame), RECEIVED.plusSeconds(3600)));
        Alert otherFeedInstance = only(new WirewatchJsonProtocol("demo").decode(json(frame), RECEIVED));

        assertThat(first.id()).isEqualTo(again.id()).isEqualTo(otherFeedInstance.id());
        assertThat(first.sourceId()).matches("h[0-9a-f]{32}");
    }

    @Test
    void without_an_id_another_title_or_time_gives_another_id() {
        String base = only(decode("{'title': 'Quake hits coast', 'publishedAt': '2025-03-01T10:00:00Z'}")).id();

        String otherTitle = only(decode("{'title': 'Quake hits city', 'publishedAt': '2025-03-01T10:00:00Z'}")).id();
        String otherTime = only(decode("{'title': 'Quake hits coast', 'publishedAt': '2025-03-01T10:00:01Z'}")).id();

        assertThat(base).isNotEqualTo(otherTitle).isNotEqualTo(otherTime);
        assertThat(otherTitle).isNotEqualTo(otherTime);
    }

    /**
     * Documents a defect: {@code storyId} throws {@code Rejected(OVERSIZE_FIELD)} for any string id
     * that is blank, so an empty id ("a field over its length limit") is counted in feed health under
     * the wrong reason. Every other blank text field is treated as absent. Fails while the defect exists.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void a_blank_string_id_is_not_reported_as_an_oversize_field(String id) {
        Decoded decoded = decode("{'title': 'T', 'id': '" + id + "'}");

        assertThat(decoded.rejections()).doesNotContain(RejectReason.OVERSIZE_FIELD);
    }

    // --- categories, priorities, text, actions, times ----------------------------------------------------

    @Test
    void an_unknown_but_well_formed_category_is_kept() {
        assertThat(only(decode("{'title': 'T', 'category': 'crypto'}")).category().key()).isEqualTo("crypto");
        assertThat(only(decode("{'title': 'T', 'category': 'Real Estate'}")).category().key())
                .isEqualTo("real-estate");
        assertThat(only(decode("{'title': 'T', 'category': ' SPORTS '}")).category()).isEqualTo(Category.SPORTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!", "-x", "café", "", "   "})
    void a_malformed_category_falls_back_to_general(String category) {
        assertThat(only(decode("{'title': 'T', 'category': '" + category + "'}")).category())
                .isEqualTo(Category.GENERAL);
    }

    @Test
    void a_category_key_over_32_characters_falls_back_to_general() {
        assertThat(only(decode("{'title': 'T', 'category': '" + "c".repeat(33) + "'}")).category())
                .isEqualTo(Category.GENERAL);
    }

    @Test
    void a_known_priority_is_read_in_any_case_and_an_unknown_one_is_normal() {
        assertThat(only(decode("{'title': 'T', 'priority': 'BREAKING'}")).priority()).isEqualTo(Priority.BREAKING);
        assertThat(only(decode("{'title': 'T', 'priority': 'low'}")).priority()).isEqualTo(Priority.LOW);
        assertThat(only(decode("{'title': 'T', 'priority': 'urgent'}")).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void html_in_the_description_and_title_is_stripped() {
        Alert alert = only(decode("{'title': '<b>Rates</b> &amp; bonds', 'description':"
                + " '<p>Yields <i>rose</i>.</p><script>alert(1)</script><img src=x onerror=alert(2)>'}"));

        assertThat(alert.headline()).isEqualTo("Rates & bonds");
        assertThat(alert.summary()).isEqualTo("Yields rose.").doesNotContain("<", ">", "alert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"retracted", "RETRACTED", "retract", "deleted", "delete", " Retracted "})
    void a_retraction_action_decodes_to_retracted(String action) {
        Alert alert = only(decode("{'id': '1', 'title': 'T', 'action': '" + action + "'}"));

        assertThat(alert.action()).isEqualTo(AlertAction.RETRACTED);
        assertThat(alert.retracted()).isTrue();
    }

    @Test
    void creation_and_update_actions_are_read_too() {
        assertThat(only(decode("{'title': 'T', 'action': 'new'}")).action()).isEqualTo(AlertAction.CREATED);
        assertThat(only(decode("{'title': 'T', 'action': 'update'}")).action()).isEqualTo(AlertAction.UPDATED);
        assertThat(only(decode("{'title': 'T', 'action': 'Updated'}")).action()).isEqualTo(AlertAction.UPDATED);
    }

    @Test
    void times_may_be_epoch_milliseconds() {
        Alert alert = only(decode("{'title': 'T', 'publishedAt': 1740830400000}"));

        assertThat(alert.publishedAt()).isEqualTo(Instant.ofEpochMilli(1_740_830_400_000L));
    }

    @Test
    void without_a_publication_time_the_update_time_is_used() {
        Alert alert = only(decode("{'title': 'T', 'updatedAt': '2025-03-01T09:00:00Z'}"));

        assertThat(alert.publishedAt()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(alert.updatedAt()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
    }

    @Test
    void at_most_20_symbols_are_kept_and_they_are_upper_cased() {
        StringBuilder symbols = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            symbols.append(i == 1 ? "" : ", ").append("'s").append(i).append("'");
        }

        Alert alert = only(decode("{'title': 'T', 'symbols': [" + symbols + "]}"));

        assertThat(alert.symbols()).hasSize(20).startsWith("S1", "S2").endsWith("S20");
    }

    // --- connect uri --------------------------------------------------------------------------------

    @Test
    void connect_uri_replaces_since_and_keeps_other_parameters() {
        URI uri = protocol.connectUri(URI.create("ws://h/x?since=3&a=b"), 9L);

        MultiValueMap<String, String> params = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        assertThat(params.get("since")).containsExactly("9");
        assertThat(params.get("a")).containsExactly("b");
        assertThat(params).hasSize(2);
        assertThat(uri.getScheme()).isEqualTo("ws");
        assertThat(uri.getHost()).isEqualTo("h");
        assertThat(uri.getPath()).isEqualTo("/x");
    }

    @Test
    void connect_uri_adds_since_when_the_base_has_none() {
        assertThat(protocol.connectUri(URI.create("ws://h/x"), 9L)).isEqualTo(URI.create("ws://h/x?since=9"));
        assertThat(protocol.connectUri(URI.create("wss://h:8443/feed?token=a%2Bb"), 0L).toString())
                .contains("token=a%2Bb").contains("since=0");
    }

    @Test
    void connect_uri_without_a_cursor_is_the_base_unchanged() {
        URI base = URI.create("ws://h/x?since=3&a=b");

        assertThat(protocol.connectUri(base, null)).isEqualTo(base);
    }

    @Test
    void decoded_lists_are_unmodifiable_copies() {
        Decoded decoded = decode("[{'title': 'a'}, 42]");

        assertThat(decoded.alerts()).isUnmodifiable();
        assertThat(decoded.rejections()).isUnmodifiable();
        assertThat(Decoded.rejected(RejectReason.BINARY_FRAME).rejections()).containsExactly(RejectReason.BINARY_FRAME);
    }

    @Test
    void every_reject_reason_has_a_description() {
        assertThat(RejectReason.values())
                .allSatisfy(reason -> assertThat(reason.description()).isNotBlank());
    }

    @Test
    void a_frame_of_many_items_decodes_every_one() {
        List<String> items = java.util.stream.IntStream.rangeClosed(1, 200)
                .mapToObj(i -> "{'seq': " + i + ", 'id': " + i + ", 'title': 'Item " + i + "'}").toList();

        Decoded decoded = decode("[" + String.join(",", items) + "]");

        assertThat(decoded.alerts()).hasSize(200);
        assertThat(decoded.cursor()).isEqualTo(200L);
    }
}
