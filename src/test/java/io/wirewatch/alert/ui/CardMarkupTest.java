package io.wirewatch.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.testing.CardDom;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

class CardMarkupTest {

    private static final String HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)> & &amp; `x`";
    private static final Instant AT = Instant.parse("2026-11-27T08:30:00Z");

    private static Alert alert(String headline, String summary, String url, List<String> symbols, Priority priority) {
        // The canonical constructor keeps text exactly as given: the card must cope with anything.
        return new Alert("wire:s-1", "wire", "s-1", 1, AlertAction.CREATED, headline, summary, url, Category.MARKETS,
                priority, symbols, AT, AT, AT, false);
    }

    @Test
    void hostile_text_in_every_field_stays_text_and_adds_no_element_or_attribute() {
        Alert hostile = alert(HOSTILE, HOSTILE, "https://wire.example/a?b=1&c='x'",
                List.of("A<B", "C\"D"), Priority.BREAKING);

        Element card = CardDom.article(new AlertCard(hostile, AT.plusSeconds(5)));

        assertThat(card.select("*").stream().map(Element::tagName).toList())
                .containsExactly("article", "div", "span", "span", "span", "span", "time", "h3", "a", "p");
        assertThat(card.select("h3.headline a").getFirst().wholeText()).isEqualTo(HOSTILE);
        assertThat(card.select("p.summary").getFirst().wholeText()).isEqualTo(HOSTILE);
        assertThat(card.select("span.symbols").getFirst().wholeText()).isEqualTo("A<B · C\"D");
        assertThat(card.select("a").getFirst().attr("href")).isEqualTo("https://wire.example/a?b=1&c='x'");
        assertThat(card.select("a").getFirst().childNodes()).singleElement().isInstanceOf(TextNode.class);
        assertThat(card.select("[onerror], [src], script, img")).isEmpty();
        assertThat(card.attr("data-alert-id")).isEqualTo("wire:s-1");
    }

    @Test
    void the_card_shows_labels_headline_summary_and_a_self_updating_time() {
        Alert plain = alert("Rates held", "The central bank kept rates.", null, List.of(), Priority.NORMAL);

        AlertCard card = new AlertCard(plain, AT.plusSeconds(600));

        assertThat(CardDom.texts(card)).containsExactly("Markets|category|null", "wire|source|null",
                "Rates held|headline|null", "The central bank kept rates.|summary|null");
        Element time = CardDom.article(card).selectFirst("time");
        assertThat(time.wholeText()).isEqualTo("10 min ago");
        assertThat(time.attr("data-ts")).isEqualTo(Long.toString(AT.toEpochMilli()));
        assertThat(time.attr("title")).isEqualTo("2026-11-27 08:30:00 UTC");
        assertThat(CardDom.article(card).className()).isEqualTo("alert-card priority-normal");
    }

    @Test
    void a_retracted_revision_is_marked_and_struck() {
        Alert retracted = alert("Recalled story", "", null, List.of(), Priority.HIGH).asRevision(2, AlertAction.RETRACTED);

        AlertCard card = new AlertCard(retracted, AT.plusSeconds(90));

        assertThat(CardDom.article(card).classNames()).contains("alert-card", "priority-high", "retracted");
        assertThat(CardDom.texts(card)).contains("High|badge priority|null", "Retracted|badge retracted|null");
        assertThat(CardDom.article(card).select("p.summary")).as("no empty summary paragraph").isEmpty();
    }

    @Test
    void tabs_that_render_the_same_alert_share_one_markup_string_and_one_alert() {
        Alert live = alert("Shared", "Once for all tabs", null, List.of(), Priority.NORMAL);
        Alert sameFromTheStore = alert("Shared", "Once for all tabs", null, List.of(), Priority.NORMAL);
        CardMarkup markup = new CardMarkup(16);

        CardMarkup.Rendered first = markup.render(live, AT.plusSeconds(1));
        CardMarkup.Rendered second = markup.render(sameFromTheStore, AT.plusSeconds(2));

        assertThat(second.html()).isSameAs(first.html());
        assertThat(second.alert()).isSameAs(live);
        assertThat(markup.render(live, AT.plusSeconds(3_600)).html()).as("a different shown time renders anew")
                .contains(">1 h ago<").isNotSameAs(first.html());
    }

    @Test
    void text_without_special_characters_is_returned_as_is() {
        String plain = "Plain headline, 100% ordinary.";
        assertThat(CardMarkup.escape(plain)).isSameAs(plain);
        assertThat(CardMarkup.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    }
}
