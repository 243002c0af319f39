package io.wirewatch.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.feed.FeedGap;
import io.wirewatch.feed.FeedHistory;
import io.wirewatch.testing.CardDom;
import io.wirewatch.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

@SpringBootTest(properties = {"wirewatch.demo-feed.enabled=false", "wirewatch.alerts.min-push-interval=20ms"})
class NewsViewTest extends SpringBrowserlessTest {

    private static final AtomicLong IDS = new AtomicLong();

    /** The real service; a test may hold or fail its history query. */
    @MockitoSpyBean
    AlertService alerts;

    @Autowired
    AlertBroadcaster broadcaster;

    @Autowired
    FeedHistory feedHistory;

    private Alert ingest(String headline, Category category) {
        return ingest(headline, category, null);
    }

    private Alert ingest(String headline, Category category, String url) {
        Instant now = Instant.now();
        Alert alert = Alert.received("view-test", "a" + IDS.incrementAndGet(), AlertAction.CREATED, headline,
                "Summary of " + headline, url, category, Priority.NORMAL, List.of(), now, null, now, false);
        alerts.ingest(alert);
        return alert;
    }

    /** Opens the news desk with this query and waits until its first page of cards is shown. */
    private NewsView open(Map<String, String> query) {
        return open(query, true);
    }

    private NewsView open(Map<String, String> query, boolean untilLoaded) {
        UI.getCurrent().navigate(NewsView.class, QueryParameters.simple(query));
        if (untilLoaded) {
            noPageLoading();
        }
        return (NewsView) getCurrentView();
    }

    /** The cards as the tab's browser shows them, top first. */
    private List<org.jsoup.nodes.Element> cards() {
        return CardDom.articles(find(CardList.class).single());
    }

    private org.jsoup.nodes.Element card(String alertId) {
        return cards().stream().filter(card -> card.attr("data-alert-id").equals(alertId)).findFirst().orElseThrow();
    }

    private List<String> headlines() {
        return cards().stream().map(CardDom::headline).toList();
    }

    /** Lets the pushed {@code ui.access} tasks run until the condition holds, or fails at the deadline. */
    private void roundTripUntil(String what, java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(5), what, () -> {
            roundTrip();
            return condition.getAsBoolean();
        });
    }

    @Test
    void a_new_tab_shows_stored_alerts_newest_first_with_their_hooks() {
        Alert older = ingest("Older story for the first page", Category.WORLD);
        Alert newer = ingest("Newer story for the first page", Category.MARKETS);

        open(Map.of());

        assertThat(headlines()).containsSubsequence(newer.headline(), older.headline());
        org.jsoup.nodes.Element article = card(newer.id());
        assertThat(article.attr("data-category")).isEqualTo("markets");
        assertThat(CardDom.headline(article)).isEqualTo(newer.headline());
        assertThat(find(NewsView.class).single().getChildren()
                .anyMatch(child -> "alert-list".equals(child.getId().orElse(null)))).isTrue();
    }

    private boolean loading() {
        return find(CardList.class).all().stream().anyMatch(list -> list.getElement().hasAttribute("aria-busy"));
    }

    /**
     * Waits until no tab reads the store: each test's UI starts on the root route, the news desk,
     * whose first page must not take the read that a test means to hold or fail.
     */
    private void noPageLoading() {
        roundTripUntil("no first page loading", () -> !loading());
    }

    /** Whether the "nothing matches" text is shown. */
    private boolean emptyStateShown() {
        return !find(com.vaadin.flow.component.html.Div.class).withClassName("empty-state").all().isEmpty();
    }

    /** The notice above the list, if one is shown. */
    private java.util.Optional<com.vaadin.flow.component.html.Div> notice() {
        return find(com.vaadin.flow.component.html.Div.class).withClassName("skipped-notice").all().stream().findFirst();
    }

    @Test
    void an_alert_that_arrives_while_the_first_page_loads_stays_on_top_of_it() throws Exception {
        Alert stored = ingest("Stored before the tab opened", Category.WORLD);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Away from the desk first, so that the tab below opens it afresh, with an empty list.
        UI.getCurrent().navigate("login");
        noPageLoading();
        // The tab's first page is read from the store before the live alert is stored, and reaches
        // the tab after it.
        doAnswer(call -> {
            Object page = call.callRealMethod();
            read.countDown();
            release.await(10, TimeUnit.SECONDS);
            return page;
        }).when(alerts).page(any(), isNull(), anyInt());
        Alert live;
        try {
            open(Map.of("category", "world"), false);
            roundTripUntil("the first page read from the store", () -> read.getCount() == 0);
            assertThat(cards()).isEmpty();
            assertThat(emptyStateShown()).as("no 'nothing matches' while the page loads").isFalse();
            live = ingest("Live while the first page loads", Category.WORLD);
            roundTripUntil("the live card", () -> headlines().contains(live.headline()));
            assertThat(loading()).as("the list is marked busy while its page loads").isTrue();
        } finally {
            release.countDown();
        }

        roundTripUntil("the first page", () -> !loading());
        assertThat(cards()).extracting(card -> card.attr("data-alert-id")).startsWith(live.id());
        assertThat(headlines()).contains(stored.headline());
        assertThat(cards()).extracting(card -> card.attr("data-alert-id")).doesNotHaveDuplicates();
    }

    @Test
    void a_first_page_that_cannot_be_read_says_so_and_can_be_tried_again() {
        Alert stored = ingest("Stored, shown on the second try", Category.SCIENCE);
        Alert other = ingest("Stored, another category", Category.WORLD);
        noPageLoading();
        roundTripUntil("the unfiltered desk shows both", () -> headlines().containsAll(
                List.of(stored.headline(), other.headline())));
        doThrow(new DataAccessResourceFailureException("database unreachable"))
                .doCallRealMethod().when(alerts).page(any(), isNull(), anyInt());

        open(Map.of("category", "science"), false);

        roundTripUntil("the notice", () -> notice().isPresent());
        assertThat(notice().orElseThrow().getElement().getTextRecursively())
                .startsWith("The stored alerts could not be loaded. New alerts still appear here.");
        assertThat(cards()).as("none of the unfiltered cards shown before the filter changed")
                .allSatisfy(card -> assertThat(card.attr("data-category")).isEqualTo("science"));
        assertThat(emptyStateShown()).isFalse();
        assertThat(loading()).isFalse();
        Alert live = ingest("Live after the failed load", Category.SCIENCE);
        roundTripUntil("the live card", () -> headlines().contains(live.headline()));

        test(find(Button.class).withText("Try again").single()).click();

        roundTripUntil("the first page", () -> !loading());
        assertThat(headlines()).contains(stored.headline(), live.headline());
        assertThat(notice().map(n -> n.getElement().getTextRecursively())).isEmpty();
    }

    @Test
    void live_alerts_appear_at_the_top_of_an_open_tab() {
        open(Map.of());

        Alert live = ingest("Live story pushed to an open tab", Category.SPORTS);

        roundTripUntil("the live card", () -> !headlines().isEmpty() && headlines().getFirst().equals(live.headline()));
    }

    @Test
    void the_category_filter_from_the_url_shows_only_those_categories_live_and_stored() {
        Alert sports = ingest("Stored sports story", Category.SPORTS);
        Alert markets = ingest("Stored markets story", Category.MARKETS);

        open(Map.of("category", "sports,weather"));
        assertThat(headlines()).contains(sports.headline()).doesNotContain(markets.headline());

        Alert liveMarkets = ingest("Live markets story, filtered out", Category.MARKETS);
        Alert liveWeather = ingest("Live weather story, shown", Category.WEATHER);
        roundTripUntil("the weather card", () -> headlines().contains(liveWeather.headline()));
        assertThat(headlines()).doesNotContain(liveMarkets.headline());
        assertThat(cards()).allSatisfy(card -> assertThat(card.attr("data-category"))
                .isIn("sports", "weather"));
    }

    @Test
    void the_url_query_sets_the_filter_controls_and_the_filter_writes_the_same_query_back() {
        open(Map.of("category", "markets,sports", "q", "fed"));

        Button markets = find(Button.class).withText("Markets").single();
        Button sports = find(Button.class).withText("Sports").single();
        Button world = find(Button.class).withText("World").single();
        assertThat(markets.getElement().getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(sports.getElement().getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(world.getElement().getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(find(TextField.class).withAriaLabel("Keyword").single().getValue()).isEqualTo("fed");

        QueryParameters written = NewsView.toQueryParameters(new AlertQuery(
                Set.of(Category.SPORTS, Category.MARKETS), "fed"));
        assertThat(written.getParameters()).isEqualTo(Map.of("category", List.of("markets,sports"), "q", List.of("fed")));
        assertThat(NewsView.readQuery(written)).isEqualTo(new AlertQuery(Set.of(Category.MARKETS, Category.SPORTS), "fed"));
    }

    @Test
    void clicking_a_category_chip_filters_the_cards() {
        Alert science = ingest("Chip test science story", Category.SCIENCE);
        Alert health = ingest("Chip test health story", Category.HEALTH);
        open(Map.of());
        assertThat(headlines()).contains(science.headline(), health.headline());

        test(find(Button.class).withText("Science").single()).click();

        roundTripUntil("only science", () -> headlines().contains(science.headline())
                && !headlines().contains(health.headline()));
        assertThat(find(Button.class).withText("Science").single().getElement().getAttribute("aria-pressed"))
                .isEqualTo("true");
    }

    @Test
    void the_keyword_box_filters_by_text() {
        Alert fed = ingest("Keyword test: Norrland rate decision", Category.ECONOMY);
        Alert other = ingest("Keyword test: marathon record", Category.SPORTS);
        open(Map.of());

        test(find(TextField.class).withAriaLabel("Keyword").single()).setValue("norrland");

        roundTripUntil("only the keyword's story", () -> headlines().contains(fed.headline())
                && !headlines().contains(other.headline()));
    }

    @Test
    void an_empty_result_says_so() {
        open(Map.of("category", "nothing-here-yet"));

        assertThat(cards()).isEmpty();
        assertThat(find(com.vaadin.flow.component.html.Div.class).withClassName("empty-state").single().isVisible())
                .isTrue();
        assertThat(find(com.vaadin.flow.component.html.Div.class).withClassName("empty-state").single().getText())
                .startsWith("No alerts match this filter");
    }

    @Test
    void markup_in_an_alert_is_shown_as_text_never_as_elements() {
        // An escaped tag in the feed decodes to the literal characters "<script>".
        Alert hostile = ingest("&lt;script&gt;alert(1)&lt;/script&gt; Storm &lt;b&gt;warning&lt;/b&gt;", Category.WEATHER);
        assertThat(hostile.headline()).isEqualTo("<script>alert(1)</script> Storm <b>warning</b>");

        open(Map.of());

        org.jsoup.nodes.Element card = card(hostile.id());
        org.jsoup.nodes.Element headline = card.selectFirst("h3.headline");
        assertThat(headline.wholeText()).isEqualTo("<script>alert(1)</script> Storm <b>warning</b>");
        assertThat(headline.childNodeSize()).isEqualTo(1);
        assertThat(headline.childNode(0)).isInstanceOf(org.jsoup.nodes.TextNode.class);
        assertThat(card.select("script, b")).isEmpty();
    }

    @Test
    void a_link_opens_in_a_new_tab_without_handing_over_the_opener() {
        Alert linked = ingest("Linked story", Category.BUSINESS, "https://wire.example/linked");
        open(Map.of());

        org.jsoup.nodes.Element card = card(linked.id());
        org.jsoup.nodes.Element link = card.select("a").getFirst();
        assertThat(card.select("a")).hasSize(1);
        assertThat(link.attr("href")).isEqualTo("https://wire.example/linked");
        assertThat(link.attr("target")).isEqualTo("_blank");
        assertThat(link.attr("rel")).isEqualTo("noopener noreferrer");
        assertThat(link.wholeText()).isEqualTo("Linked story");
    }

    @Test
    void a_newer_revision_replaces_its_card_marked_updated_and_repeats_never_add_cards() {
        open(Map.of());
        Instant first = Instant.now();
        Alert original = Alert.received("view-test", "rev-1", AlertAction.CREATED, "Revision story, first take",
                "", null, Category.ECONOMY, Priority.NORMAL, List.of(), first, first, first, false);
        alerts.ingest(original);
        roundTripUntil("the first take", () -> headlines().contains("Revision story, first take"));

        alerts.ingest(original);
        Instant later = first.plusSeconds(60);
        alerts.ingest(Alert.received("view-test", "rev-1", AlertAction.UPDATED, "Revision story, corrected",
                "", null, Category.ECONOMY, Priority.HIGH, List.of(), first, later, later, false));
        alerts.ingest(original);

        roundTripUntil("the corrected take", () -> headlines().contains("Revision story, corrected"));
        assertThat(cards()).filteredOn(card -> card.attr("data-alert-id").equals("view-test:rev-1")).singleElement()
                .satisfies(card -> {
                    assertThat(card.attr("data-revision")).isEqualTo("2");
                    assertThat(CardDom.texts(card)).contains("Updated|badge updated|null");
                });
        assertThat(headlines()).doesNotContain("Revision story, first take");
    }

    /** A script argument as the tab reads it: encoded by Vaadin, written into the message, parsed back. */
    private static tools.jackson.databind.JsonNode sent(Object argument) {
        String message = com.vaadin.flow.internal.JacksonCodec.encodeWithTypeInfo(argument).toString();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(message);
    }

    /** The arguments of the last call to the list's patch function since the last call; clears the queue. */
    private static List<Object> lastPatch(CardList list) {
        return listScripts(list).stream().filter(script -> script.getExpression().contains("this.wirewatchPatch($0, "))
                .reduce((earlier, later) -> later).orElseThrow().getParameters();
    }

    @Test
    void each_patch_argument_reaches_the_browser_as_the_list_script_reads_it() {
        open(Map.of("category", "energy"));
        CardList list = find(CardList.class).single();
        Instant first = Instant.now();
        String hostile = "Argument story \"one\" \\ it's 5 > 3 & 😀";
        Alert original = Alert.received("view-test", "args-1", AlertAction.CREATED, hostile + ", first take", "", null,
                Category.ENERGY, Priority.NORMAL, List.of(), first, first, first, false);
        alerts.ingest(original);
        roundTripUntil("the first take", () -> headlines().contains(hostile + ", first take"));
        listScripts(list);

        // A newer revision: its card replaced in place, and nothing announced.
        Instant later = first.plusSeconds(60);
        alerts.ingest(Alert.received("view-test", "args-1", AlertAction.UPDATED, hostile + ", corrected", "", null,
                Category.ENERGY, Priority.NORMAL, List.of(), first, later, later, false));
        roundTripUntil("the corrected take", () -> headlines().contains(hostile + ", corrected"));
        List<Object> replaced = lastPatch(list);
        assertThat(sent(replaced.get(0)).isNull()).as("$0: no whole list").isTrue();
        assertThat(sent(replaced.get(1)).isEmpty()).as("$1: nothing removed").isTrue();
        tools.jackson.databind.JsonNode replacement = sent(replaced.get(2));
        assertThat(replacement.size()).isEqualTo(1);
        assertThat(replacement.get(0).get(0).stringValue()).isEqualTo("view-test:args-1");
        String markup = replacement.get(0).get(1).stringValue();
        assertThat(CardDom.headline(org.jsoup.Jsoup.parseBodyFragment(markup).body().child(0)))
                .isEqualTo(hostile + ", corrected");
        assertThat(list.html()).contains(markup);
        assertThat(sent(replaced.get(3)).stringValue()).as("$3: nothing on top").isEmpty();
        assertThat(sent(replaced.get(4)).stringValue()).as("$4: nothing at the bottom").isEmpty();
        assertThat(replaced.get(6)).as("$6: no announcement").isNull();

        // A new alert: its card on top, announced.
        Alert added = ingest(hostile + ", second story", Category.ENERGY);
        roundTripUntil("the second story", () -> headlines().contains(hostile + ", second story"));
        List<Object> onTop = lastPatch(list);
        assertThat(sent(onTop.get(2)).isEmpty()).as("$2: nothing replaced").isTrue();
        String top = sent(onTop.get(3)).stringValue();
        assertThat(org.jsoup.Jsoup.parseBodyFragment(top).body().children()).singleElement()
                .satisfies(card -> assertThat(card.attr("data-alert-id")).isEqualTo(added.id()));
        assertThat(list.html()).startsWith(top);
        assertThat(onTop.get(5)).as("$5: the live region").isInstanceOf(com.vaadin.flow.dom.Element.class);
        assertThat(sent(onTop.get(6)).stringValue()).isEqualTo("New alert: " + hostile + ", second story");
    }

    /** The scripts queued for the list's element since the last call, in order; clears the queue. */
    private static List<com.vaadin.flow.component.internal.UIInternals.JavaScriptInvocation> listScripts(CardList list) {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(pending -> pending.getOwner() == list.getElement().getNode())
                .map(pending -> pending.getInvocation()).toList();
    }

    @Test
    void the_list_defines_its_patch_function_before_it_patches_on_a_new_tab_and_when_attached_again() {
        ingest("Function order story", Category.SCIENCE);
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        open(Map.of("category", "science"));
        CardList list = find(CardList.class).single();
        List<String> shown = headlines();
        assertThat(shown).contains("Function order story");

        List<String> opened = listScripts(list).stream()
                .map(com.vaadin.flow.component.internal.UIInternals.JavaScriptInvocation::getExpression).toList();
        assertThat(opened).first().asString().contains("this.wirewatchPatch = function(");
        assertThat(opened).filteredOn(script -> script.contains("this.wirewatchPatch = function(")).hasSize(1);
        assertThat(opened).filteredOn(script -> script.contains("this.wirewatchPatch($0, ")).isNotEmpty();

        // Detached and attached again, as on Vaadin's resynchronisation: a fresh browser element
        // gets the function first, then the whole list.
        com.vaadin.flow.dom.Element parent = list.getElement().getParent();
        int at = parent.indexOfChild(list.getElement());
        parent.removeChild(list.getElement());
        parent.insertChild(at, list.getElement());
        roundTrip();
        List<com.vaadin.flow.component.internal.UIInternals.JavaScriptInvocation> again = listScripts(list);
        assertThat(again).hasSize(2);
        assertThat(again.get(0).getExpression()).contains("this.wirewatchPatch = function(");
        assertThat(again.get(1).getExpression()).contains("this.wirewatchPatch($0, ");
        assertThat(sent(again.get(1).getParameters().getFirst()).stringValue()).as("the whole list").isEqualTo(list.html());
        assertThat(headlines()).isEqualTo(shown);
    }

    @Test
    void a_change_left_when_the_list_is_detached_goes_out_as_the_whole_list_once_it_is_attached_again() {
        ingest("Detach story", Category.SPORTS);
        open(Map.of("category", "sports"));
        CardList list = find(CardList.class).single();
        roundTrip();
        listScripts(list);

        // A card added, then the list taken out before the answer is written: the patch due for it
        // must not wait for the list's next browser element, which has no patch function yet.
        Instant now = Instant.now();
        Alert late = Alert.received("view-test", "detach-1", AlertAction.CREATED, "Added as the list left", "", null,
                Category.SPORTS, Priority.NORMAL, List.of(), now, null, now, false);
        list.addOnTop(late, now);
        com.vaadin.flow.dom.Element parent = list.getElement().getParent();
        int at = parent.indexOfChild(list.getElement());
        parent.removeChild(list.getElement());
        roundTrip();
        parent.insertChild(at, list.getElement());
        roundTrip();

        List<com.vaadin.flow.component.internal.UIInternals.JavaScriptInvocation> again = listScripts(list);
        assertThat(again).extracting(com.vaadin.flow.component.internal.UIInternals.JavaScriptInvocation::getExpression)
                .satisfiesExactly(
                        first -> assertThat(first).contains("this.wirewatchPatch = function("),
                        second -> assertThat(second).contains("this.wirewatchPatch($0, "));
        assertThat(sent(again.get(1).getParameters().getFirst()).stringValue()).as("the whole list").isEqualTo(list.html());
        assertThat(headlines()).startsWith("Added as the list left").contains("Detach story");
    }

    @Test
    void cards_pushed_off_the_bottom_by_live_alerts_come_back_with_load_older() {
        open(Map.of("category", "health"));
        List<Alert> stored = new java.util.ArrayList<>();
        for (int i = 0; i < NewsView.MAX_CARDS; i++) {
            stored.add(ingest("Trim test stored " + i, Category.HEALTH));
        }
        open(Map.of("category", "health"));
        roundTripUntil("a full page", () -> headlines().size() == NewsView.MAX_CARDS);
        String bottom = headlines().getLast();

        for (int i = 0; i < 3; i++) {
            ingest("Trim test live " + i, Category.HEALTH);
        }
        roundTripUntil("live cards on top, the oldest pushed off", () -> headlines().contains("Trim test live 2")
                && !headlines().contains(bottom));
        Button loadOlder = find(Button.class).withId("load-older").single();
        assertThat(loadOlder.isVisible()).isTrue();

        // Each further alert trims the full list again, and its push carries the list's patch and
        // nothing for the button, which is already shown (Button sends its enabled state on every
        // setEnabled call, changed or not).
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        ingest("Trim test live 3", Category.HEALTH);
        roundTripUntil("the fourth live card", () -> headlines().contains("Trim test live 3"));
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations())
                .extracting(pending -> pending.getInvocation().getExpression())
                .anySatisfy(script -> assertThat(script).contains("wirewatchPatch("))
                .noneSatisfy(script -> assertThat(script).contains("disabled"));

        test(loadOlder).click();

        roundTripUntil("the pushed-off card back at the bottom", () -> headlines().contains(bottom));
        assertThat(headlines()).doesNotHaveDuplicates();
        assertThat(headlines().getLast()).isEqualTo(bottom);
    }

    @Test
    void a_gap_a_feed_could_not_replay_is_shown_as_feed_interrupted() {
        Instant from = Instant.now().minusSeconds(600);
        feedHistory.recordGap(new FeedGap("alpaca", from, Instant.now().minusSeconds(300), null));

        // Tabs read recorded gaps at most every two seconds (and on every reconnect).
        Poll.until(Duration.ofSeconds(5), "a newly opened tab shows the gap", () -> {
            open(Map.of());
            return !find(com.vaadin.flow.component.html.Div.class).withClassName("feed-gap").all().isEmpty();
        });

        String expectedFrom = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.of("UTC"))
                .format(from);
        assertThat(find(com.vaadin.flow.component.html.Div.class).withClassName("feed-gap").all())
                .extracting(com.vaadin.flow.component.html.Div::getText)
                .anySatisfy(text -> assertThat(text).startsWith("Feed alpaca interrupted " + expectedFrom + "–")
                        .endsWith("UTC: alerts sent meanwhile could not be replayed."));
    }

    @Test
    void a_tab_holds_exactly_one_subscription_and_releases_it_on_detach() {
        NewsView view = navigate(NewsView.class);
        int attached = broadcaster.subscriberCount();
        assertThat(attached).isPositive();

        open(Map.of("category", "markets"));
        assertThat(getCurrentView()).isSameAs(view);
        assertThat(broadcaster.subscriberCount()).isEqualTo(attached);

        var parent = view.getElement().getParent();
        view.getElement().removeFromParent();
        assertThat(broadcaster.subscriberCount()).isEqualTo(attached - 1);

        // Vaadin re-attaches a view on resync: still exactly one subscription.
        parent.appendChild(view.getElement());
        assertThat(broadcaster.subscriberCount()).isEqualTo(attached);
    }
}
