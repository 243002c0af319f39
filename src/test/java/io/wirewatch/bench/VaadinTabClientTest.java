package io.wirewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.IngestOutcome;
import io.wirewatch.alert.Priority;
import io.wirewatch.testing.OpenTabs;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Simulated tabs against the real server: bootstrap, push socket, navigation, live alerts through
 * push, and the UNLOAD beacon releasing the view's subscription.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false"})
@Import(OpenTabs.class)
class VaadinTabClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int TABS = 20;

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AlertBroadcaster broadcaster;

    @Autowired
    OpenTabs openTabs;

    private URI server() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private static Alert alert(String source, String sourceId, Category category) {
        Instant now = Instant.now();
        return Alert.received(source, sourceId, AlertAction.CREATED, "Bench headline " + sourceId,
                "Summary of " + sourceId, null, category, Priority.NORMAL, List.of(), now, null, now, false);
    }

    private Set<String> ingest(String source, Category category, int count) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Alert alert = alert(source, category.key() + "-" + i, category);
            assertThat(alerts.ingest(alert)).isEqualTo(IngestOutcome.CREATED);
            ids.add(alert.id());
        }
        return ids;
    }

    @Test
    void twenty_tabs_each_see_exactly_the_alerts_of_their_filter_and_release_their_subscriptions_on_close()
            throws Exception {
        int subscribersBefore = broadcaster.subscriberCount();
        HttpClient http = VaadinTabClient.sharedHttpClient();
        List<VaadinTabClient> markets = new ArrayList<>();
        List<VaadinTabClient> sports = new ArrayList<>();
        List<VaadinTabClient> all = new ArrayList<>();
        try {
            for (int i = 0; i < TABS; i++) {
                VaadinTabClient tab = new VaadinTabClient(http, server(), REQUEST_TIMEOUT);
                all.add(tab);
                boolean marketsTab = i % 2 == 0;
                tab.open(marketsTab ? "/?category=markets" : "/?category=sports");
                (marketsTab ? markets : sports).add(tab);
            }
            assertThat(broadcaster.subscriberCount()).as("one subscription per open tab")
                    .isEqualTo(subscribersBefore + TABS);
            for (VaadinTabClient tab : all) {
                Poll.until(WAIT, "tab " + tab.uiId() + " draws its first page", tab::listsDrawn, drawn -> drawn > 0);
            }
            assertThat(all).as("no stored alert of their categories yet")
                    .allSatisfy(tab -> assertThat(tab.alertIdsSeen()).isEmpty());

            String source = "bench" + UUID.randomUUID().toString().substring(0, 8);
            long ingestStart = System.currentTimeMillis();
            Set<String> economy = ingest(source, Category.ECONOMY, 3);
            Set<String> marketIds = ingest(source, Category.MARKETS, 5);
            Set<String> sportIds = ingest(source, Category.SPORTS, 4);
            economy.addAll(ingest(source + "x", Category.ECONOMY, 2));
            marketIds.addAll(ingest(source + "x", Category.MARKETS, 2));
            sportIds.addAll(ingest(source + "x", Category.SPORTS, 3));

            for (VaadinTabClient tab : markets) {
                Poll.until(WAIT, "markets tab " + tab.uiId() + " sees the markets alerts", tab::alertIdsSeen,
                        seen -> seen.equals(marketIds));
            }
            for (VaadinTabClient tab : sports) {
                Poll.until(WAIT, "sports tab " + tab.uiId() + " sees the sports alerts", tab::alertIdsSeen,
                        seen -> seen.equals(sportIds));
            }
            assertThat(all).allSatisfy(tab -> assertThat(tab.listedAlerts()).isEqualTo(tab.alertIdsSeen()));
            assertThat(markets).allSatisfy(tab -> assertThat(tab.alertIdsSeen()).isEqualTo(marketIds)
                    .doesNotContainAnyElementsOf(sportIds).doesNotContainAnyElementsOf(economy));
            assertThat(sports).allSatisfy(tab -> assertThat(tab.alertIdsSeen()).isEqualTo(sportIds)
                    .doesNotContainAnyElementsOf(marketIds).doesNotContainAnyElementsOf(economy));
            assertThat(all).allSatisfy(tab -> {
                assertThat(tab.failure()).isNull();
                assertThat(tab.missedMessages()).as("UIDL messages lost").isZero();
                assertThat(tab.pushClosed()).isFalse();
                for (Map.Entry<String, VaadinTabClient.Arrival> seen : tab.alertsSeen().entrySet()) {
                    assertThat(seen.getValue().epochMillis()).as("arrival of %s", seen.getKey())
                            .isBetween(ingestStart, System.currentTimeMillis());
                }
            });
        } finally {
            for (VaadinTabClient tab : all) {
                tab.close();
            }
        }

        Poll.until(WAIT, "closed tabs release their alert subscriptions", broadcaster::subscriberCount,
                count -> count == subscribersBefore);
        // The server closes each push socket a few milliseconds after the unload, not before it answers.
        Poll.until(WAIT, "every push socket closed", () -> all.stream().allMatch(VaadinTabClient::pushClosed));
        assertThat(all).allSatisfy(tab -> assertThat(tab.failure()).isNull());
    }

    @Test
    void a_tab_with_heartbeats_keeps_sending_them_until_closed() throws Exception {
        int subscribersBefore = broadcaster.subscriberCount();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        VaadinTabClient tab = new VaadinTabClient(VaadinTabClient.sharedHttpClient(), server(), REQUEST_TIMEOUT,
                Duration.ofMillis(100), scheduler);
        try {
            tab.open("/");

            Poll.until(WAIT, "three heartbeats answered", tab::heartbeatsOk, ok -> ok >= 3);
            assertThat(tab.heartbeatsFailed()).isZero();
        } finally {
            tab.close();
            scheduler.shutdownNow();
        }
        Poll.until(WAIT, "the closed tab releases its subscription", broadcaster::subscriberCount,
                count -> count == subscribersBefore);
    }

    @Test
    void a_tab_starts_with_the_stored_alerts_of_its_filter() throws Exception {
        int subscribersBefore = broadcaster.subscriberCount();
        String source = "seed" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> stored = ingest(source, Category.SCIENCE, 2);
        ingest(source, Category.WEATHER, 1);
        VaadinTabClient tab = new VaadinTabClient(VaadinTabClient.sharedHttpClient(), server(), REQUEST_TIMEOUT);
        try {
            tab.open("/?category=science");

            Poll.until(WAIT, "the first page", tab::listsDrawn, drawn -> drawn > 0);
            assertThat(tab.cardsInNavigationAnswer()).as("cards kept in the navigation's answer").isZero();
            // As a browser does, the tab tells the server it drew the list, and the server then keeps
            // that request's small answer for the tab instead of the navigation's, the whole view.
            Poll.until(WAIT, "the drawn list confirmed", tab::drawsConfirmed, confirmed -> confirmed == 1);
            UI onServer = Poll.until(WAIT, "the tab on the server", () -> openTabs.ofSession(tab.sessionId()),
                    uis -> uis.size() == 1).getFirst();
            assertThat(OpenTabs.keptAnswer(onServer)).as("the answer the server keeps for the tab")
                    .hasSizeLessThan(1_000).contains("\"syncId\"", "$server['}p']");
            assertThat(tab.failure()).isNull();
            assertThat(tab.missedMessages()).as("UIDL messages lost").isZero();
            assertThat(tab.alertIdsSeen()).isEqualTo(stored);
            assertThat(tab.listedAlerts()).isEqualTo(stored);
            assertThat(tab.listsDrawn()).isEqualTo(1);
            assertThat(tab.duplicateCards()).isZero();
        } finally {
            tab.close();
        }
        // The next test counts subscriptions from where this one leaves them.
        Poll.until(WAIT, "the closed tab releases its subscription", broadcaster::subscriberCount,
                count -> count == subscribersBefore);
    }
}
