package io.wirewatch.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.wirewatch.Application;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.testing.Browsers;
import io.wirewatch.testing.OpenTabs;
import io.wirewatch.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * History in a real browser: what a reader saw survives a restart, "Load older" reaches back past
 * the first page, and a keyword search finds a story long gone from the page. Live alerts and
 * corrections change the open list in place, card for card as the server keeps it.
 */
class HistoryJourneyIT {

    private static final int STORIES = 300;

    @TempDir
    Path dataDir;

    private ChromeDriver browser;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Application.class, OpenTabs.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--wirewatch.demo-feed.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("wirewatch") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private String home() {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return "http://127.0.0.1:" + port + "/";
    }

    /** Read in one script, so a list being replaced under us cannot leave stale elements. */
    @SuppressWarnings("unchecked")
    private List<String> headlines() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#alert-list .alert-card .headline')).map((headline) => headline.textContent);");
    }

    private void awaitCards(String what, java.util.function.Predicate<List<String>> condition) {
        Poll.until(Duration.ofSeconds(20), what, this::headlines, condition);
    }

    @Test
    void history_survives_a_restart_pages_back_and_is_searchable() {
        app = start();
        AlertService alerts = app.getBean(AlertService.class);
        Instant start = Instant.now().minus(Duration.ofHours(5));
        for (int i = 1; i <= STORIES; i++) {
            Instant at = start.plusSeconds(i * 60L);
            alerts.ingest(Alert.received("archive", "a" + i, AlertAction.CREATED, "Archive story %03d".formatted(i),
                    "From the archive, number " + i, null, Category.KNOWN.get(i % Category.KNOWN.size()),
                    Priority.NORMAL, List.of(), at, null, at, false));
        }

        browser = Browsers.headlessChromium();
        browser.get(home());
        awaitCards("the newest story on top", cards -> !cards.isEmpty() && cards.getFirst().equals("Archive story 300"));

        app.close();
        app = start();
        browser.get(home());
        awaitCards("the same story after a restart", cards -> !cards.isEmpty()
                && cards.getFirst().equals("Archive story 300") && cards.size() == NewsView.MAX_CARDS);
        assertThat(headlines()).doesNotContain("Archive story 001");

        while (browser.findElement(By.id("load-older")).isDisplayed()) {
            int before = headlines().size();
            browser.findElement(By.id("load-older")).click();
            awaitCards("an older page appended", cards -> cards.size() > before);
        }
        assertThat(headlines()).hasSize(STORIES).endsWith("Archive story 002", "Archive story 001");

        browser.get(home());
        awaitCards("the first page again", cards -> cards.size() == NewsView.MAX_CARDS);
        browser.findElement(By.cssSelector(".alert-filter vaadin-text-field input")).sendKeys("story 007");
        awaitCards("the search result from deep history", cards -> cards.equals(List.of("Archive story 007")));
        Poll.until(Duration.ofSeconds(5), "the address keeps the search",
                () -> browser.getCurrentUrl().contains("q=story+007") || browser.getCurrentUrl().contains("q=story%20007"));
    }

    private static Alert story(int number, AlertAction action, String headline, Instant at, Instant updatedAt) {
        return Alert.received("patch", "p" + number, action, headline, "Patch story number " + number, null,
                Category.KNOWN.get(number % Category.KNOWN.size()), Priority.NORMAL, List.of(), at, updatedAt,
                updatedAt == null ? at : updatedAt, false);
    }

    @Test
    void a_tab_that_only_reads_leaves_neither_its_view_nor_its_cards_in_the_servers_memory() {
        app = start();
        AlertService alerts = app.getBean(AlertService.class);
        Instant start = Instant.now().minus(Duration.ofHours(5));
        for (int i = 1; i <= NewsView.MAX_CARDS; i++) {
            alerts.ingest(story(i, AlertAction.CREATED, "Patch story %03d".formatted(i), start.plusSeconds(i * 60L), null));
        }
        browser = Browsers.headlessChromium();
        browser.get(home());
        awaitCards("the full first page", cards -> cards.size() == NewsView.MAX_CARDS);

        // Vaadin keeps a tab's last answer until the tab's next request. The answer to the navigation
        // holds the whole view; the browser's request after drawing the list replaces it.
        UI tab = Poll.until(Duration.ofSeconds(10), "the reader's tab on the server",
                () -> app.getBean(OpenTabs.class).open(), tabs -> tabs.size() == 1).getFirst();
        Poll.until(Duration.ofSeconds(10), "a kept answer of less than 1 000 characters",
                () -> OpenTabs.keptAnswer(tab).length(), length -> length < 1_000);
        // Something is kept, and it is the answer to the browser's call.
        assertThat(OpenTabs.keptAnswer(tab)).contains("\"syncId\"", "$server['}p']")
                .doesNotContain("alert-card", "alert-filter");

        // The tab goes on as before: a live story still comes to the top.
        alerts.ingest(story(NewsView.MAX_CARDS + 1, AlertAction.CREATED, "Live after the page", Instant.now(), null));
        awaitCards("the live story on top", cards -> cards.getFirst().equals("Live after the page"));
    }

    @Test
    void live_alerts_trims_and_corrections_patch_the_open_list_card_for_card() {
        app = start();
        AlertService alerts = app.getBean(AlertService.class);
        Instant start = Instant.now().minus(Duration.ofHours(5));
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= NewsView.MAX_CARDS; i++) {
            alerts.ingest(story(i, AlertAction.CREATED, "Patch story %03d".formatted(i), start.plusSeconds(i * 60L), null));
            expected.addFirst("Patch story %03d".formatted(i));
        }
        browser = Browsers.headlessChromium();
        browser.get(home());
        awaitCards("the full first page", expected::equals);

        // New ones go on top; the list keeps its limit, so the oldest leave the bottom.
        for (int i = NewsView.MAX_CARDS + 1; i <= NewsView.MAX_CARDS + 3; i++) {
            alerts.ingest(story(i, AlertAction.CREATED, "Patch story %03d".formatted(i), Instant.now(), null));
            expected.addFirst("Patch story %03d".formatted(i));
            expected.removeLast();
        }
        awaitCards("three live stories on top, three old ones gone", expected::equals);

        // A correction replaces its card where it stands.
        int corrected = 150;
        alerts.ingest(story(corrected, AlertAction.UPDATED, "Patch story 150, corrected",
                start.plusSeconds(corrected * 60L), Instant.now()));
        expected.set(expected.indexOf("Patch story 150"), "Patch story 150, corrected");
        awaitCards("the correction in the card's place", expected::equals);
        assertThat(browser.findElements(By.cssSelector("#alert-list [data-alert-id='patch:p150']")))
                .singleElement().satisfies(card -> {
                    assertThat(card.getAttribute("data-revision")).isEqualTo("2");
                    assertThat(card.findElements(By.cssSelector(".badge.updated"))).singleElement()
                            .satisfies(badge -> assertThat(badge.isDisplayed()).isTrue());
                });
        assertThat(browser.findElements(By.cssSelector("#alert-list > *")))
                .allSatisfy(child -> assertThat(child.getAttribute("class")).contains("alert-card"));
    }
}
