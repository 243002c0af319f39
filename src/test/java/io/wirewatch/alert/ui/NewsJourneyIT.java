package io.wirewatch.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Browsers;
import io.wirewatch.testing.FeedRecorder;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reader's journey in real headless Chromium: two tabs with different category filters watch the
 * demo feed; each live alert shows up in the tab whose filter matches within 2 s of being sent,
 * and never in the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.token=journey-token",
        "wirewatch.demo-feed.interval=600ms",
        "wirewatch.demo-feed.burst-chance=0.2"})
class NewsJourneyIT {

    private static final Set<String> DESK_A = Set.of("markets", "economy", "business", "energy", "technology");
    private static final Set<String> DESK_B = Set.of("sports", "weather", "science", "health", "world", "politics");
    private static final long DEADLINE_MS = 2_000;

    /** Records, in the page, when each card first appeared (browser clock, epoch ms). */
    private static final String WATCH_CARDS = """
            window.cardSeenAt = {};
            const list = document.getElementById('alert-list');
            const mark = (card) => {
              if (!(card.dataset.alertId in window.cardSeenAt)) window.cardSeenAt[card.dataset.alertId] = Date.now();
            };
            // A card's markup may arrive inside its slot or after it: added nodes and their subtrees both count.
            new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
              if (node.nodeType !== 1) return;
              if (node.dataset.alertId) mark(node);
              node.querySelectorAll('[data-alert-id]').forEach(mark);
            }))).observe(list, { childList: true, subtree: true });
            """;

    @LocalServerPort
    int port;

    private ChromeDriver deskA;
    private ChromeDriver deskB;

    @AfterEach
    void close_browsers() {
        if (deskA != null) {
            deskA.quit();
        }
        if (deskB != null) {
            deskB.quit();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    private static void awaitLiveDesk(WebDriver browser) {
        Poll.until(Duration.ofSeconds(30), "the news view shows the feed live",
                () -> !browser.findElements(By.id("alert-list")).isEmpty()
                        && browser.findElement(By.cssSelector(".feed-status")).getText().equals("Live"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> seenAt(WebDriver browser) {
        return (Map<String, Number>) ((JavascriptExecutor) browser).executeScript("return window.cardSeenAt;");
    }

    @Test
    void live_alerts_reach_the_tab_whose_filter_matches_within_two_seconds_and_never_the_other() throws Exception {
        deskA = Browsers.headlessChromium();
        deskB = Browsers.headlessChromium();
        deskA.get(base() + "?category=" + String.join(",", DESK_A));
        deskB.get(base() + "?category=" + String.join(",", DESK_B));
        awaitLiveDesk(deskA);
        awaitLiveDesk(deskB);
        deskA.executeScript(WATCH_CARDS);
        deskB.executeScript(WATCH_CARDS);

        List<FeedRecorder.Item> sent;
        try (FeedRecorder upstream = new FeedRecorder(URI.create("ws://127.0.0.1:" + port + "/upstream/demo"),
                "X-Wirewatch-Token", "journey-token")) {
            sent = Poll.until(Duration.ofSeconds(60), "alerts for both desks", upstream::items,
                    items -> items.size() >= 12
                            && items.stream().filter(item -> DESK_A.contains(item.category())).count() >= 2
                            && items.stream().filter(item -> DESK_B.contains(item.category())).count() >= 2);
        }
        // Give the last one its full deadline before judging absence.
        FeedRecorder.Item last = sent.getLast();
        Poll.until(Duration.ofMillis(DEADLINE_MS + 500), "the last alert's deadline passed",
                () -> System.currentTimeMillis() > last.receivedAtMillis() + DEADLINE_MS);

        Map<String, Number> seenA = seenAt(deskA);
        Map<String, Number> seenB = seenAt(deskB);
        for (FeedRecorder.Item item : sent) {
            String cardId = "demo:" + item.id();
            boolean forA = DESK_A.contains(item.category());
            Map<String, Number> matching = forA ? seenA : seenB;
            Map<String, Number> other = forA ? seenB : seenA;
            assertThat(matching).as("%s (%s) in its desk", item.title(), item.category()).containsKey(cardId);
            assertThat(matching.get(cardId).longValue() - item.receivedAtMillis())
                    .as("ms from send to card for %s", item.title()).isLessThanOrEqualTo(DEADLINE_MS);
            assertThat(other).as("%s (%s) in the other desk", item.title(), item.category()).doesNotContainKey(cardId);
        }
        assertThat(deskA.findElements(By.cssSelector("#alert-list [data-category]")))
                .allSatisfy(card -> assertThat(card.getAttribute("data-category")).isIn(DESK_A));
        assertThat(deskB.findElements(By.cssSelector("#alert-list [data-category]")))
                .allSatisfy(card -> assertThat(card.getAttribute("data-category")).isIn(DESK_B));
        // Screen readers hear the newest card of each push: the live region ends with its headline.
        // Both are read in one script, so a push in between cannot split them.
        Poll.until(Duration.ofSeconds(5), "the live region announces the newest card",
                () -> deskA.executeScript("return [document.getElementById('alert-announcer').textContent,"
                        + " document.querySelector('#alert-list article .headline').textContent]"),
                read -> read instanceof List<?> pair && pair.get(0) instanceof String announced
                        && pair.get(1) instanceof String newest
                        && announced.matches("(New alert|\\d+ new alerts\\. Latest): .*") && announced.endsWith(newest));
        assertThat(deskA.findElement(By.cssSelector(".feed-status")).getText()).isEqualTo("Live");
        assertThat(deskB.findElement(By.cssSelector(".feed-status")).getText()).isEqualTo("Live");

        Browsers.screenshot(deskA, "news-desk-a.png");
    }

    @Test
    void choosing_a_category_updates_the_address_so_the_view_can_be_bookmarked() {
        deskA = Browsers.headlessChromium();
        deskA.get(base());
        awaitLiveDesk(deskA);

        deskA.findElements(By.cssSelector(".chips vaadin-button")).stream()
                .filter(chip -> chip.getText().equals("Weather")).findFirst().orElseThrow().click();
        Poll.until(Duration.ofSeconds(5), "the address names the category",
                () -> deskA.getCurrentUrl().contains("category=weather"));

        deskA.navigate().refresh();
        awaitLiveDesk(deskA);
        Poll.until(Duration.ofSeconds(5), "the Weather chip is pressed after reload",
                () -> deskA.findElements(By.cssSelector(".chips vaadin-button")).stream()
                        .anyMatch(chip -> chip.getText().equals("Weather")
                                && "true".equals(chip.getAttribute("aria-pressed"))));
        assertThat(deskA.findElements(By.cssSelector("#alert-list [data-category]")))
                .allSatisfy(card -> assertThat(card.getAttribute("data-category")).isEqualTo("weather"));
    }

}
