package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import io.wirewatch.testing.Browsers;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.StallingProxy;
import io.wirewatch.testing.TestAlerts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tab whose push socket dies without either end noticing (a half-open connection) must not sit
 * there showing a list that silently stopped being live. The browser reaches the app through a
 * relay that can stall the open WebSocket connections while HTTP keeps working, which is that
 * failure as the page sees it. Keep-alives every second here, instead of 15 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.alerts.store=memory",
        "wirewatch.push.keep-alive=1s"})
class PushWatchdogIT {

    private static final By BANNER = By.cssSelector(".link-banner:not([hidden])");

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AlertBroadcaster broadcaster;

    private ChromeDriver browser;
    private StallingProxy relay;

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void a_silently_dead_push_socket_is_noticed_and_reconnected_once_then_reported() throws Exception {
        String word = "silent" + UUID.randomUUID().toString().substring(0, 8);
        Alert before = alert(word, "before");
        openDesk(word, before);

        // Healthy and idle: keep-alives arrive, and a quiet list raises no alarm.
        Poll.until(Duration.ofSeconds(20), "keep-alives on an idle tab", () -> keepAlivesHeard() >= 5);
        assertThat(page()).as("the page was not reloaded").isEqualTo("first");
        assertThat(browser.findElements(BANNER)).isEmpty();

        relay.stallWebSockets();
        Alert missed = alert(word, "missed");
        alerts.ingest(missed);
        Poll.until(Duration.ofSeconds(30), "the tab reconnected and shows the alert its dead socket lost",
                () -> !"first".equals(page()) && shows(missed) && shows(before));
        Poll.until(Duration.ofSeconds(20), "keep-alives on the new connection", () -> keepAlivesHeard() >= 1);
        markPage("second");

        // Silent again soon after: another reload would loop, so the reader is told instead.
        relay.stallWebSockets();
        Alert missedAgain = alert(word, "missed-again");
        alerts.ingest(missedAgain);
        Poll.until(Duration.ofSeconds(30), "a banner offering a reload",
                () -> bannerText().contains("not reaching this tab") && reloadButton().isDisplayed());
        assertThat(page()).as("the page did not reload by itself again").isEqualTo("second");
        assertThat(shows(missedAgain)).isFalse();
        Browsers.screenshot(browser, "push-silent-banner.png");

        reloadButton().click();
        Poll.until(Duration.ofSeconds(30), "the reloaded tab shows what it missed",
                () -> !"second".equals(page()) && shows(missedAgain) && shows(missed));
    }

    @Test
    void a_tab_that_cannot_reach_the_server_says_so_and_recovers_when_it_can() throws Exception {
        String word = "cutoff" + UUID.randomUUID().toString().substring(0, 8);
        Alert before = alert(word, "before");
        openDesk(word, before);

        relay.cutOff();
        Alert missed = alert(word, "missed");
        alerts.ingest(missed);
        Poll.until(Duration.ofSeconds(40), "a banner saying the server cannot be reached",
                () -> bannerText().contains("Cannot reach the server"));
        assertThat(shows(before)).as("the list is kept meanwhile").isTrue();
        Browsers.screenshot(browser, "server-unreachable-banner.png");

        relay.restore();
        Poll.until(Duration.ofSeconds(90), "the tab reconnected by itself and shows what it missed",
                () -> !"first".equals(page()) && shows(missed) && shows(before));
    }

    @Test
    void a_view_where_a_reload_could_lose_input_offers_it_instead() throws Exception {
        relay = new StallingProxy(new InetSocketAddress("127.0.0.1", port));
        browser = Browsers.headlessChromium();
        browser.get("http://127.0.0.1:" + relay.port() + "/login");
        Poll.until(Duration.ofSeconds(30), "keep-alives on the sign-in page", () -> keepAlivesHeard() >= 2);
        browser.findElement(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys("admin");
        markPage("login");

        relay.stallWebSockets();
        Poll.until(Duration.ofSeconds(30), "a banner offering a reload",
                () -> bannerText().contains("Reload to reconnect") && reloadButton().isDisplayed());
        assertThat(page()).as("the page did not reload by itself").isEqualTo("login");
        assertThat(browser.findElement(By.cssSelector("vaadin-login-form input[name='username']")).getDomProperty("value"))
                .isEqualTo("admin");
    }

    private void openDesk(String word, Alert first) throws Exception {
        relay = new StallingProxy(new InetSocketAddress("127.0.0.1", port));
        int subscribersBefore = broadcaster.subscriberCount();
        browser = Browsers.headlessChromium();
        browser.get("http://127.0.0.1:" + relay.port() + "/?q=" + word);
        Poll.until(Duration.ofSeconds(30), "the tab is open and subscribed",
                () -> broadcaster.subscriberCount() == subscribersBefore + 1);
        alerts.ingest(first);
        Poll.until(Duration.ofSeconds(10), "the first alert's card", () -> shows(first));
        markPage("first");
    }

    /** Marks the current page; a reload starts a page without the mark. */
    private void markPage(String mark) {
        browser.executeScript("window.wirewatchTestPage = arguments[0]", mark);
    }

    private String page() {
        return String.valueOf(browser.executeScript("return window.wirewatchTestPage || null"));
    }

    private long keepAlivesHeard() {
        Object count = browser.executeScript("return window.wirewatchLink ? window.wirewatchLink.heardCount : 0");
        return count instanceof Number number ? number.longValue() : 0;
    }

    private String bannerText() {
        List<WebElement> banner = browser.findElements(BANNER);
        return banner.isEmpty() ? "" : banner.getFirst().getText();
    }

    private WebElement reloadButton() {
        return browser.findElement(By.cssSelector(".link-banner button"));
    }

    private boolean shows(Alert alert) {
        return Browsers.showsCard(browser, alert.id());
    }

    private static Alert alert(String word, String which) {
        return TestAlerts.story("watchdog-test", word + "-" + which, "");
    }
}
