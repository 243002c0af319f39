package io.wirewatch.testing;

import io.wirewatch.alert.ui.AlertCard;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A card as a browser would read it: its markup parsed by a real HTML parser (jsoup), so tests
 * assert the elements and text a reader gets, not the string the server built.
 */
public final class CardDom {

    private CardDom() {
    }

    /** The card's {@code <article>}; fails unless the markup is exactly one element. */
    public static Element article(AlertCard card) {
        List<Element> top = Jsoup.parseBodyFragment(card.html()).body().children();
        if (top.size() != 1 || !top.getFirst().tagName().equals("article")) {
            throw new AssertionError("a card is one <article>, but was: " + card.html());
        }
        return top.getFirst();
    }

    /** The headline as shown, character for character. */
    public static String headline(AlertCard card) {
        Element headline = article(card).selectFirst("h3.headline");
        if (headline == null) {
            throw new AssertionError("no headline in: " + card.html());
        }
        return headline.wholeText();
    }

    /**
     * Everything the card shows except the clock-dependent time, as {@code text|class|href} per
     * label, headline, link and summary, in document order.
     */
    public static List<String> texts(AlertCard card) {
        return article(card).select("span, h3, p, a").stream()
                .map(element -> element.wholeText() + "|" + (element.hasAttr("class") ? element.attr("class") : null)
                        + "|" + (element.hasAttr("href") ? element.attr("href") : null))
                .toList();
    }
}
