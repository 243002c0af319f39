package io.wirewatch.testing;

import io.wirewatch.alert.ui.AlertCard;
import io.wirewatch.alert.ui.CardList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Cards as a browser would read them: their markup parsed by a real HTML parser (jsoup), so tests
 * assert the elements and text a reader gets, not the string the server built.
 */
public final class CardDom {

    private CardDom() {
    }

    /** The card's {@code <article>}; fails unless the markup is exactly one element. */
    public static Element article(AlertCard card) {
        List<Element> articles = articles(card.html());
        if (articles.size() != 1) {
            throw new AssertionError("a card is one <article>, but was: " + card.html());
        }
        return articles.getFirst();
    }

    /** A list's cards, top first; fails unless every top-level element is a card's {@code <article>}. */
    public static List<Element> articles(CardList list) {
        return articles(list.html());
    }

    private static List<Element> articles(String html) {
        List<Element> top = Jsoup.parseBodyFragment(html).body().children();
        if (!top.stream().allMatch(element -> element.tagName().equals("article") && element.hasClass("alert-card"))) {
            throw new AssertionError("cards are <article class=\"alert-card\"> elements, but were: " + html);
        }
        return top;
    }

    /** The headline as shown, character for character. */
    public static String headline(AlertCard card) {
        return headline(article(card));
    }

    public static String headline(Element article) {
        Element headline = article.selectFirst("h3.headline");
        if (headline == null) {
            throw new AssertionError("no headline in: " + article.outerHtml());
        }
        return headline.wholeText();
    }

    /**
     * Everything the card shows except the clock-dependent time, as {@code text|class|href} per
     * label, headline, link and summary, in document order.
     */
    public static List<String> texts(AlertCard card) {
        return texts(article(card));
    }

    public static List<String> texts(Element article) {
        return article.select("span, h3, p, a").stream()
                .map(element -> element.wholeText() + "|" + (element.hasAttr("class") ? element.attr("class") : null)
                        + "|" + (element.hasAttr("href") ? element.attr("href") : null))
                .toList();
    }
}
