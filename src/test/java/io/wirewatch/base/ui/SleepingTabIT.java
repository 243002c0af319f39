package io.wirewatch.base.ui;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import io.wirewatch.testing.Browsers;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.TestAlerts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tab whose browser slept past its heartbeats (the page frozen, as Chromium freezes background
 * tabs and as a suspended laptop does) is closed on the server; when the page wakes up, it must show the alerts it missed,
 * not sit there silently stale.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.alerts.store=memory",
        "vaadin.heartbeatInterval=1"})
class SleepingTabIT {

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AlertBroadcaster broadcaster;

    private ChromeDriver browser;

    @AfterEach
    void close_browser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_tab_that_slept_past_its_heartbeats_shows_what_it_missed_when_it_wakes() throws Exception {
        String word = "sleep" + UUID.randomUUID().toString().substring(0, 8);
        int subscribersBefore = broadcaster.subscriberCount();
        browser = Browsers.headlessChromium();
        browser.get("http://127.0.0.1:" + port + "/?q=" + word);
        Alert before = alert(word, "before");
        Poll.until(Duration.ofSeconds(30), "the tab is open and subscribed",
                () -> broadcaster.subscriberCount() == subscribersBefore + 1);
        alerts.ingest(before);
        Poll.until(Duration.ofSeconds(10), "the first alert's card", () -> shows(before));

        browser.executeCdpCommand("Page.setWebLifecycleState", Map.of("state", "frozen"));
        Poll.until(Duration.ofSeconds(30), "the sleeping tab closed on the server",
                () -> broadcaster.subscriberCount() == subscribersBefore);
        Alert missed = alert(word, "missed");
        alerts.ingest(missed);
        browser.executeCdpCommand("Page.setWebLifecycleState", Map.of("state", "active"));

        Poll.until(Duration.ofSeconds(30), "the woken tab shows the alert it slept through",
                () -> shows(missed) && shows(before));
        Browsers.screenshot(browser, "woken-tab.png");
    }

    private boolean shows(Alert alert) {
        return Browsers.showsCard(browser, alert.id());
    }

    private static Alert alert(String word, String which) {
        return TestAlerts.story("sleep-test", word + "-" + which, "");
    }
}
