package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertQueryTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static Alert alert(String source, String sourceId, Category category, String headline, String summary,
            List<String> symbols) {
        return Alert.received(source, sourceId, AlertAction.CREATED, headline, summary, null, category,
                Priority.NORMAL, symbols, NOW, null, NOW, false);
    }

    private static final Alert APPLE = alert("reuters", "1", Category.MARKETS, "Apple beats estimates",
            "iPhone sales up in every region", List.of("AAPL"));
    private static final Alert ELECTION = alert("ap", "2", Category.POLITICS, "Election date set",
            "Parliament votes on the calendar", List.of());
    private static final Alert FINAL = alert("sportsdesk", "3", Category.SPORTS, "Cup final tonight",
            "Kick-off at eight", List.of());
    private static final Alert OIL = alert("bloomberg", "4", Category.ENERGY, "Crude slips",
            "Brent falls below 70 dollars", List.of("CL.F", "BZ"));

    private static final List<Alert> ALL_ALERTS = List.of(APPLE, ELECTION, FINAL, OIL);

    private static List<Alert> matching(AlertQuery query) {
        return ALL_ALERTS.stream().filter(query::matches).toList();
    }

    @Test
    void the_empty_query_matches_every_alert() {
        assertThat(matching(AlertQuery.ALL)).containsExactlyElementsOf(ALL_ALERTS);
        assertThat(matching(new AlertQuery(Set.of(), ""))).containsExactlyElementsOf(ALL_ALERTS);
    }

    @Test
    void a_blank_keyword_matches_every_alert() {
        AlertQuery query = new AlertQuery(Set.of(), "  \t ");

        assertThat(query.keyword()).isEmpty();
        assertThat(matching(query)).containsExactlyElementsOf(ALL_ALERTS);
    }

    @Test
    void one_category_matches_only_alerts_of_that_category() {
        assertThat(matching(new AlertQuery(Set.of(Category.POLITICS), ""))).containsExactly(ELECTION);
    }

    @Test
    void several_categories_match_alerts_of_any_of_them() {
        AlertQuery query = new AlertQuery(Set.of(Category.MARKETS, Category.SPORTS, Category.WEATHER), "");

        assertThat(matching(query)).containsExactly(APPLE, FINAL);
    }

    @Test
    void a_category_without_alerts_matches_nothing() {
        assertThat(matching(new AlertQuery(Set.of(Category.HEALTH), ""))).isEmpty();
    }

    @Test
    void a_keyword_matches_the_headline_in_any_case() {
        assertThat(matching(new AlertQuery(Set.of(), "APPLE"))).containsExactly(APPLE);
        assertThat(matching(new AlertQuery(Set.of(), "election DATE"))).containsExactly(ELECTION);
    }

    @Test
    void a_keyword_matches_the_summary_in_any_case() {
        assertThat(matching(new AlertQuery(Set.of(), "kick-OFF"))).containsExactly(FINAL);
    }

    @Test
    void a_keyword_matches_the_source_in_any_case() {
        assertThat(matching(new AlertQuery(Set.of(), "BLOOMBERG"))).containsExactly(OIL);
    }

    @Test
    void a_keyword_matches_a_symbol_in_any_case() {
        assertThat(matching(new AlertQuery(Set.of(), "aapl"))).containsExactly(APPLE);
        assertThat(matching(new AlertQuery(Set.of(), "cl.f"))).containsExactly(OIL);
    }

    @Test
    void a_keyword_found_nowhere_matches_nothing() {
        assertThat(matching(new AlertQuery(Set.of(), "tsunami"))).isEmpty();
    }

    @Test
    void a_keyword_matches_part_of_a_word() {
        assertThat(matching(new AlertQuery(Set.of(), "estim"))).containsExactly(APPLE);
    }

    @Test
    void categories_and_keyword_must_both_match() {
        AlertQuery marketsAndSports = new AlertQuery(Set.of(Category.MARKETS, Category.SPORTS), "t");

        // "t" appears in every alert; the categories decide.
        assertThat(matching(new AlertQuery(Set.of(), "t"))).hasSize(4);
        assertThat(matching(marketsAndSports)).containsExactly(APPLE, FINAL);
        assertThat(new AlertQuery(Set.of(Category.MARKETS), "election").matches(ELECTION)).isFalse();
        assertThat(new AlertQuery(Set.of(Category.POLITICS), "apple").matches(APPLE)).isFalse();
        assertThat(new AlertQuery(Set.of(Category.MARKETS), "apple").matches(APPLE)).isTrue();
        assertThat(new AlertQuery(Set.of(Category.MARKETS), "crude").matches(APPLE)).isFalse();
    }

    @Test
    void a_keyword_longer_than_the_maximum_is_cut_to_the_maximum() {
        String longKeyword = "a".repeat(AlertQuery.KEYWORD_MAX + 50);

        AlertQuery query = new AlertQuery(Set.of(), longKeyword);

        assertThat(query.keyword()).hasSize(AlertQuery.KEYWORD_MAX).isEqualTo("a".repeat(100));
    }

    @Test
    void only_the_kept_part_of_an_overlong_keyword_has_to_match() {
        Alert hundredAs = alert("reuters", "9", Category.MARKETS, "a".repeat(100) + " b", "", List.of());

        AlertQuery query = new AlertQuery(Set.of(), "a".repeat(150));

        assertThat(query.matches(hundredAs)).isTrue();
    }

    @Test
    void a_keyword_of_exactly_the_maximum_is_kept_whole() {
        String keyword = "k".repeat(AlertQuery.KEYWORD_MAX);

        assertThat(new AlertQuery(Set.of(), keyword).keyword()).isEqualTo(keyword);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Apple</b>", "<script>alert(1)</script>apple"})
    void a_keyword_with_markup_is_matched_as_typed_not_as_markup(String keyword) {
        AlertQuery query = new AlertQuery(Set.of(), keyword);

        assertThat(query.keyword()).isEqualTo(keyword);
        assertThat(matching(query)).isEmpty();
    }

    @Test
    void a_keyword_finds_an_admins_literal_markup() {
        Alert literal = Alert.authored("admin", "9", "Test <img src=x onerror=alert(1)>", "", null, Category.GENERAL,
                Priority.NORMAL, NOW, true);

        assertThat(new AlertQuery(Set.of(), "<img").matches(literal)).isTrue();
    }

    @Test
    void white_space_in_a_keyword_is_folded_and_trimmed() {
        AlertQuery query = new AlertQuery(Set.of(), "  beats \n  estimates ");

        assertThat(query.keyword()).isEqualTo("beats estimates");
        assertThat(matching(query)).containsExactly(APPLE);
    }

    @Test
    void an_ampersand_in_a_keyword_is_matched_literally() {
        Alert fedEcb = alert("reuters", "8", Category.ECONOMY, "Fed & ECB hold", "", List.of());

        AlertQuery query = new AlertQuery(Set.of(), "fed & ecb");

        assertThat(query.keyword()).isEqualTo("fed & ecb");
        assertThat(query.matches(fedEcb)).isTrue();
    }

    @Test
    void the_categories_are_a_sorted_unmodifiable_copy() {
        Set<Category> categories = new HashSet<>(Set.of(Category.SPORTS, Category.ECONOMY, Category.MARKETS));

        AlertQuery query = new AlertQuery(categories, "");
        categories.add(Category.POLITICS);

        assertThat(query.categories()).containsExactly(Category.ECONOMY, Category.MARKETS, Category.SPORTS);
        assertThatThrownBy(() -> query.categories().add(Category.WORLD))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
