package io.wirewatch.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Browsers;
import io.wirewatch.testing.Poll;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin's journey in real headless Chromium: sign in through the form, send a test alert, and
 * watch an anonymous reader's browser show it with its TEST badge within a second; retract it and
 * watch the reader's card turn retracted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.interval=5s"})
class AdminJourneyIT {

    private static final String ADMIN = "journey-admin";
    private static final String PASSWORD = UUID.randomUUID().toString();

    /**
     * Records when each card (new or replaced) first appeared, by alert id and revision. A card's
     * markup may arrive inside its slot or after it, so added nodes and their subtrees both count.
     */
    private static final String WATCH_CARDS = """
            window.cardSeenAt = {};
            const mark = (card) => {
              const key = card.dataset.alertId + '#' + card.dataset.revision;
              if (!(key in window.cardSeenAt)) window.cardSeenAt[key] = Date.now();
            };
            new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
              if (node.nodeType !== 1) return;
              if (node.dataset.alertId) mark(node);
              node.querySelectorAll('[data-alert-id]').forEach(mark);
            }))).observe(document.getElementById('alert-list'), { childList: true, subtree: true });
            """;

    @DynamicPropertySource
    static void adminAccount(DynamicPropertyRegistry registry) {
        registry.add("wirewatch.admin.users[0].username", () -> ADMIN);
        registry.add("wirewatch.admin.users[0].password-hash", () -> new BCryptPasswordEncoder().encode(PASSWORD));
    }

    @LocalServerPort
    int port;

    private ChromeDriver admin;
    private ChromeDriver reader;

    @AfterEach
    void close_browsers() {
        if (admin != null) {
            admin.quit();
        }
        if (reader != null) {
            reader.quit();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void an_admins_test_alert_reaches_an_anonymous_reader_within_a_second_and_its_retraction_too() throws Exception {
        reader = Browsers.headlessChromium();
        reader.get(url("/"));
        Poll.until(Duration.ofSeconds(30), "the reader's desk is live",
                () -> !reader.findElements(By.id("alert-list")).isEmpty()
                        && reader.findElement(By.cssSelector(".feed-status")).getText().equals("Live"));
        reader.executeScript(WATCH_CARDS);

        admin = Browsers.headlessChromium();
        admin.get(url("/admin"));
        Poll.until(Duration.ofSeconds(30), "sent to the sign-in form",
                () -> !admin.findElements(By.cssSelector("vaadin-login-form input[name='username']")).isEmpty());
        admin.findElement(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys(ADMIN);
        admin.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(PASSWORD);
        admin.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        Poll.until(Duration.ofSeconds(30), "the admin desk after signing in",
                () -> !admin.findElements(By.id("send-test-alert")).isEmpty());

        String headline = "Journey test alert " + UUID.randomUUID().toString().substring(0, 8);
        admin.findElement(By.cssSelector("#test-alert-headline input")).sendKeys(headline);
        admin.findElement(By.cssSelector("#test-alert-summary textarea")).sendKeys("Sent by the end-to-end test.");
        long sentAt = System.currentTimeMillis();
        admin.findElement(By.id("send-test-alert")).click();

        WebElement card = Poll.until(Duration.ofSeconds(5), "the reader's card", () -> cardWithHeadline(headline),
                found -> found != null);
        String id = card.getAttribute("data-alert-id");
        Number appearedAt = (Number) reader.executeScript("return window.cardSeenAt[arguments[0]];", id + "#1");
        assertThat(appearedAt).as("the card was added live, not by a reload").isNotNull();
        assertThat(appearedAt.longValue() - sentAt).as("ms from clicking send to the reader's card")
                .isLessThanOrEqualTo(1_000);
        assertThat(card.findElement(By.cssSelector(".badge.test")).getAttribute("textContent")).isEqualTo("Test");
        assertThat(admin.findElement(By.cssSelector("vaadin-notification-card")).getText()).contains(headline);
        Browsers.screenshot(admin, "admin-desk.png");

        admin.findElement(By.cssSelector("vaadin-button[aria-label='Retract " + headline + "']")).click();

        WebElement retracted = Poll.until(Duration.ofSeconds(5), "the reader's card shown retracted",
                () -> reader.findElements(By.cssSelector("[data-alert-id='" + id + "'].retracted")).stream()
                        .findFirst().orElse(null), found -> found != null);
        assertThat(retracted.findElement(By.cssSelector(".badge.retracted")).getAttribute("textContent"))
                .isEqualTo("Retracted");
        assertThat(retracted.findElement(By.cssSelector(".headline")).getCssValue("text-decoration-line"))
                .isEqualTo("line-through");
        assertThat(reader.findElements(By.cssSelector("[data-alert-id='" + id + "']"))).hasSize(1);
        Browsers.screenshot(reader, "reader-retracted.png");
    }

    private WebElement cardWithHeadline(String headline) {
        return reader.findElements(By.cssSelector("#alert-list .alert-card")).stream()
                .filter(card -> card.findElement(By.cssSelector(".headline")).getText().equals(headline))
                .findFirst().orElse(null);
    }

}
