package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertTest {

    private static final Instant PUBLISHED = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2025-03-01T12:00:05Z");

    private static Alert received(String headline, @Nullable String summary, @Nullable String url) {
        return Alert.received("reuters", "42", AlertAction.CREATED, headline, summary, url, Category.MARKETS,
                Priority.NORMAL, List.of("AAPL"), PUBLISHED, null, RECEIVED, false);
    }

    private static AlertRule ruleBrokenBy(String headline, @Nullable String summary, @Nullable String url) {
        InvalidAlertException thrown = catchThrowableOfType(InvalidAlertException.class,
                () -> received(headline, summary, url));
        assertThat(thrown).as("an InvalidAlertException").isNotNull();
        return thrown.rule();
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    // --- text reduction -------------------------------------------------------------------------

    @Test
    void bold_markup_in_a_headline_is_reduced_to_its_text() {
        assertThat(received("<b>x</b>", null, null).headline()).isEqualTo("x");
    }

    @Test
    void html_entities_are_decoded_to_the_characters_they_name() {
        assertThat(AlertText.plain("&amp;")).isEqualTo("&");
        assertThat(received("Fed &amp; ECB hold rates", null, null).headline()).isEqualTo("Fed & ECB hold rates");
    }

    @Test
    void a_script_element_leaves_neither_markup_nor_its_code_behind() {
        String headline = received("<script>alert(1)</script>Hi", null, null).headline();

        assertThat(headline).isEqualTo("Hi");
        assertThat(headline).doesNotContain("<", ">", "alert", "script");
    }

    @Test
    void markup_in_a_summary_is_reduced_to_its_text() {
        Alert alert = received("Rates", "<p>Rates <i>rise</i> again</p><img src=x onerror=alert(1)>"
                + "<style>p{color:red}</style>", null);

        assertThat(alert.summary()).isEqualTo("Rates rise again");
        assertThat(alert.summary()).doesNotContain("<", ">", "onerror", "color");
    }

    @Test
    void runs_of_white_space_fold_into_one_space_and_the_ends_are_trimmed() {
        assertThat(AlertText.plain("  Rates\n\n\t rise \u00a0 again  ")).isEqualTo("Rates rise again");
        assertThat(received("  Oil\r\n   falls ", null, null).headline()).isEqualTo("Oil falls");
    }

    @Test
    void white_space_around_markup_folds_like_plain_white_space() {
        assertThat(AlertText.plain("<p>  Oil  </p>\n<p>falls</p>")).isEqualTo("Oil falls");
    }

    @Test
    void control_characters_are_removed() {
        assertThat(AlertText.plain("a\u0000b\u0007c\u007f")).isEqualTo("abc");
    }

    @Test
    void half_of_a_surrogate_pair_on_its_own_becomes_the_replacement_character_and_pairs_stay() {
        assertThat(AlertText.normalize("Rally \ud83d now")).isEqualTo("Rally \ufffd now");
        assertThat(AlertText.normalize("\ude00 low first, high last \ud83d")).isEqualTo("\ufffd low first, high last \ufffd");
        assertThat(AlertText.normalize("Rally \ud83d\ude00 now")).isEqualTo("Rally 😀 now");
        assertThat(received("Oil \ud83d falls", null, null).headline()).isEqualTo("Oil \ufffd falls");
    }

    @Test
    void plain_text_without_markup_passes_unchanged() {
        assertThat(AlertText.plain("Apple beats estimates; shares +3% (after hours)"))
                .isEqualTo("Apple beats estimates; shares +3% (after hours)");
    }

    @Test
    void a_missing_summary_becomes_empty_text() {
        assertThat(received("Headline", null, null).summary()).isEmpty();
    }

    // --- headline and summary limits ---------------------------------------------------------------

    @Test
    void a_headline_of_exactly_300_characters_is_accepted() {
        String headline = repeat('h', Alert.HEADLINE_MAX);

        assertThat(received(headline, null, null).headline()).hasSize(300);
    }

    @Test
    void a_headline_of_301_characters_breaks_the_headline_length_rule() {
        assertThat(ruleBrokenBy(repeat('h', 301), null, null)).isEqualTo(AlertRule.HEADLINE_TOO_LONG);
    }

    @Test
    void the_headline_limit_applies_to_the_text_after_markup_is_removed() {
        String headline = "<b>" + repeat('h', 300) + "</b>";

        assertThat(received(headline, null, null).headline()).hasSize(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t", "<b> </b>", "<script>alert(1)</script>"})
    void a_headline_without_visible_text_breaks_the_headline_required_rule(String headline) {
        assertThat(ruleBrokenBy(headline, null, null)).isEqualTo(AlertRule.HEADLINE_REQUIRED);
    }

    @Test
    void a_summary_of_exactly_5000_characters_is_accepted() {
        assertThat(received("Headline", repeat('s', 5000), null).summary()).hasSize(5000);
    }

    @Test
    void a_summary_of_5001_characters_breaks_the_summary_length_rule() {
        assertThat(ruleBrokenBy("Headline", repeat('s', 5001), null)).isEqualTo(AlertRule.SUMMARY_TOO_LONG);
    }

    @Test
    void an_invalid_alert_exception_carries_the_message_of_its_rule() {
        InvalidAlertException thrown = catchThrowableOfType(InvalidAlertException.class,
                () -> received(repeat('h', 301), null, null));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(AlertRule.HEADLINE_TOO_LONG.message());
        assertThat(AlertRule.HEADLINE_TOO_LONG.message()).contains("300");
        assertThat(AlertRule.SUMMARY_TOO_LONG.message()).contains("5000");
        assertThat(AlertRule.URL_TOO_LONG.message()).contains("2048");
    }

    @Test
    void the_rule_checks_report_nothing_for_text_within_the_limits() {
        assertThat(AlertRule.checkHeadline("ok")).isEmpty();
        assertThat(AlertRule.checkSummary("")).isEmpty();
        assertThat(AlertRule.checkUrl(null)).isEmpty();
        assertThat(AlertRule.checkUrl("https://example.com")).isEmpty();
    }

    // --- links ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "https://example.com/a/b?c=d#e", "HTTPS://EXAMPLE.COM/x",
            "http://localhost:8080/news"})
    void http_and_https_links_are_accepted(String url) {
        assertThat(received("Headline", null, url).url()).isEqualTo(url);
    }

    @Test
    void a_link_is_stripped_of_surrounding_white_space() {
        assertThat(received("Headline", null, "  https://example.com/x \n").url()).isEqualTo("https://example.com/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void a_blank_link_means_no_link(String url) {
        assertThat(received("Headline", null, url).url()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "ftp://x", "ftp://example.com/file",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "/x", "//example.com/x",
            "example.com", "http://", "http:///x", "mailto:desk@example.com"})
    void links_that_are_not_absolute_http_addresses_break_the_http_rule(String url) {
        assertThat(ruleBrokenBy("Headline", null, url)).isEqualTo(AlertRule.URL_NOT_HTTP);
    }

    @Test
    void a_link_of_exactly_2048_characters_is_accepted() {
        String prefix = "https://example.com/";
        String url = prefix + repeat('a', Alert.URL_MAX - prefix.length());

        assertThat(received("Headline", null, url).url()).hasSize(2048);
    }

    @Test
    void a_link_over_2048_characters_breaks_the_link_length_rule() {
        String prefix = "https://example.com/";
        String url = prefix + repeat('a', Alert.URL_MAX - prefix.length() + 1);

        assertThat(ruleBrokenBy("Headline", null, url)).isEqualTo(AlertRule.URL_TOO_LONG);
    }

    @Test
    void an_overlong_javascript_link_is_reported_as_too_long_first() {
        String url = "javascript:" + repeat('a', 2048);

        assertThat(ruleBrokenBy("Headline", null, url)).isEqualTo(AlertRule.URL_TOO_LONG);
    }

    // --- identity, revisions and the other fields --------------------------------------------------

    @Test
    void the_id_is_source_colon_source_id() {
        Alert alert = received("Headline", null, null);

        assertThat(alert.id()).isEqualTo("reuters:42");
        assertThat(Alert.idOf("ap", "x-1")).isEqualTo("ap:x-1");
    }

    @Test
    void a_received_alert_is_revision_1_and_its_update_time_defaults_to_its_publication_time() {
        Alert alert = received("Headline", null, null);

        assertThat(alert.revision()).isEqualTo(1);
        assertThat(alert.updatedAt()).isEqualTo(PUBLISHED);
        assertThat(alert.receivedAt()).isEqualTo(RECEIVED);
        assertThat(alert.action()).isEqualTo(AlertAction.CREATED);
        assertThat(alert.retracted()).isFalse();
        assertThat(alert.test()).isFalse();
    }

    @Test
    void the_constructor_refuses_an_id_that_is_not_source_colon_source_id() {
        Alert alert = received("Headline", null, null);

        assertThatThrownBy(() -> new Alert("reuters:43", alert.source(), alert.sourceId(), 1, AlertAction.CREATED,
                "Headline", "", null, Category.MARKETS, Priority.NORMAL, List.of(), PUBLISHED, PUBLISHED,
                RECEIVED, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source:sourceId");
    }

    @Test
    void the_constructor_refuses_a_revision_below_1() {
        Alert alert = received("Headline", null, null);

        assertThatThrownBy(() -> alert.asRevision(0, AlertAction.UPDATED)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void a_blank_source_is_refused(String source) {
        assertThatThrownBy(() -> Alert.received(source, "1", AlertAction.CREATED, "Headline", null, null,
                Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_source_of_65_characters_or_a_source_id_of_129_characters_is_refused() {
        assertThatThrownBy(() -> Alert.received(repeat('s', 65), "1", AlertAction.CREATED, "Headline", null, null,
                Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Alert.received("reuters", repeat('i', 129), AlertAction.CREATED, "Headline", null,
                null, Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> Alert.received(repeat('s', 64), repeat('i', 128), AlertAction.CREATED, "Headline",
                null, null, Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "tab\there", "del\u007f", "half\ud83d", "\ude00low", "\ud83dx\ude00"})
    void a_source_id_with_a_control_character_or_half_a_surrogate_pair_is_refused(String sourceId) {
        assertThatThrownBy(() -> Alert.received("reuters", sourceId, AlertAction.CREATED, "Headline", null, null,
                Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sourceId");
    }

    @Test
    void a_story_stored_before_the_id_check_still_reads_back() {
        // The store reads rows through the constructor: a row from before the check must load.
        Alert stored = new Alert("reuters:tab\there", "reuters", "tab\there", 1, AlertAction.CREATED, "Headline", "",
                null, Category.MARKETS, Priority.NORMAL, List.of(), PUBLISHED, PUBLISHED, RECEIVED, false);
        assertThat(stored.sourceId()).isEqualTo("tab\there");
        assertThatThrownBy(() -> Alert.authored("admin", "tab\there", "Headline", "", null, Category.MARKETS,
                Priority.NORMAL, RECEIVED, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_source_id_in_any_script_with_whole_surrogate_pairs_is_kept_as_sent() {
        String sourceId = "Zürich-東京-😀 <b>&amp;";
        assertThat(Alert.received("reuters", sourceId, AlertAction.CREATED, "Headline", null, null,
                Category.GENERAL, Priority.NORMAL, List.of(), PUBLISHED, null, RECEIVED, false).sourceId())
                .isEqualTo(sourceId);
    }

    @Test
    void as_revision_keeps_the_story_and_changes_only_revision_and_action() {
        Alert first = received("Headline", "Summary", "https://example.com");

        Alert retracted = first.asRevision(3, AlertAction.RETRACTED);

        assertThat(retracted.id()).isEqualTo(first.id());
        assertThat(retracted.revision()).isEqualTo(3);
        assertThat(retracted.retracted()).isTrue();
        assertThat(retracted.headline()).isEqualTo(first.headline());
        assertThat(retracted.summary()).isEqualTo(first.summary());
        assertThat(retracted.url()).isEqualTo(first.url());
        assertThat(retracted.updatedAt()).isEqualTo(first.updatedAt());
    }

    @Test
    void at_most_20_symbols_are_kept_from_a_received_alert() {
        List<String> symbols = IntStream.rangeClosed(1, 25).mapToObj(i -> "S" + i).toList();

        Alert alert = Alert.received("reuters", "1", AlertAction.CREATED, "Headline", null, null, Category.MARKETS,
                Priority.NORMAL, symbols, PUBLISHED, null, RECEIVED, false);

        assertThat(alert.symbols()).hasSize(Alert.SYMBOLS_MAX).containsExactlyElementsOf(symbols.subList(0, 20));
    }

    @Test
    void the_symbols_are_an_unmodifiable_copy() {
        List<String> symbols = new ArrayList<>(List.of("AAPL"));
        Alert alert = Alert.received("reuters", "1", AlertAction.CREATED, "Headline", null, null, Category.MARKETS,
                Priority.NORMAL, symbols, PUBLISHED, null, RECEIVED, false);

        symbols.add("MSFT");

        assertThat(alert.symbols()).containsExactly("AAPL");
        assertThatThrownBy(() -> alert.symbols().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- categories and priorities -------------------------------------------------------------------

    @Test
    void category_of_trims_and_lower_cases() {
        assertThat(Category.of("Markets ")).isEqualTo(Category.MARKETS);
        assertThat(Category.of("  SPORTS")).isEqualTo(Category.SPORTS);
    }

    @Test
    void category_of_turns_spaces_and_underscores_into_hyphens() {
        assertThat(Category.of("real estate").key()).isEqualTo("real-estate");
        assertThat(Category.of("Tech_News").key()).isEqualTo("tech-news");
        assertThat(Category.of("tech   news").key()).isEqualTo("tech-news");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!", "", "   ", "-markets", "café", "a/b"})
    void category_of_refuses_text_that_is_no_key(String text) {
        assertThatThrownBy(() -> Category.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_category_key_has_at_most_32_characters() {
        assertThat(Category.of(repeat('c', 32)).key()).hasSize(32);
        assertThatThrownBy(() -> Category.of(repeat('c', 33))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_category_label_capitalises_the_first_letter_and_spells_hyphens_as_spaces() {
        assertThat(Category.MARKETS.label()).isEqualTo("Markets");
        assertThat(Category.of("real estate").label()).isEqualTo("Real estate");
        assertThat(new Category("5g").label()).isEqualTo("5g");
    }

    @Test
    void categories_compare_and_print_by_key() {
        assertThat(Category.ECONOMY).isLessThan(Category.MARKETS);
        assertThat(Category.WORLD.toString()).isEqualTo("world");
        assertThat(Category.KNOWN).contains(Category.GENERAL).doesNotHaveDuplicates();
    }

    @Test
    void priority_parse_reads_names_in_any_case_and_rejects_others() {
        assertThat(Priority.parse(" breaking ")).contains(Priority.BREAKING);
        assertThat(Priority.parse("High")).contains(Priority.HIGH);
        assertThat(Priority.parse("urgent")).isEmpty();
        assertThat(Priority.BREAKING.key()).isEqualTo("breaking");
        assertThat(Priority.BREAKING.label()).isEqualTo("Breaking");
    }
}
