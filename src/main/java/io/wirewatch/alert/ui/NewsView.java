package io.wirewatch.alert.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.alert.AlertPage;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.base.ui.LiveSubscriptions;
import io.wirewatch.base.ui.PushWatchdog;
import io.wirewatch.feed.FeedGap;
import io.wirewatch.feed.FeedManager;
import io.wirewatch.feed.FeedState;
import io.wirewatch.feed.FeedStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The live desk: newest alerts first, filtered by the URL's {@code ?category=a,b&q=word}, new ones
 * pushed as they arrive. The tab subscribes while it is attached and holds exactly one subscription.
 */
@Route("")
@PageTitle("Wirewatch · live news")
@Menu(title = "News", order = 0)
@AnonymousAllowed
class NewsView extends Main implements BeforeEnterObserver {

    static final int MAX_CARDS = 200;
    /** How long a delivery waits for a busy tab before it stops waiting (the batch stays queued). */
    private static final Duration DELIVERY_PATIENCE = Duration.ofSeconds(60);
    static final int OLDER_PAGE = 50;
    /** However far a reader pages back, a tab holds no more cards than this. */
    static final int MAX_CARDS_WITH_HISTORY = 1_000;
    private static final DateTimeFormatter GAP_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("UTC"));
    static final String CATEGORY_PARAM = "category";
    static final String KEYWORD_PARAM = "q";

    private final AlertService alerts;
    private final FeedManager feeds;
    private final Clock clock;

    private final AlertFilter filter = new AlertFilter();
    private final FeedStatusBadge status = new FeedStatusBadge();
    private final CardList list = new CardList();
    private final Div empty = new Div();
    private final Div skippedNotice = new Div();
    private final Span announcer = new Span();
    private final Div gaps = new Div();
    private final Button loadOlder = new Button("Load older alerts");
    private final Executor history;
    private @Nullable Long olderThan;
    private int cardLimit = MAX_CARDS;
    /** Store positions of the cards that came from a page; live cards have none. */
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, FeedStatus> feedStatuses = new LinkedHashMap<>();

    private AlertQuery query = AlertQuery.ALL;
    private final LiveSubscriptions subscriptions = new LiveSubscriptions();

    NewsView(AlertService alerts, FeedManager feeds, Clock clock, @Qualifier("alertHistoryExecutor") Executor history) {
        this.alerts = alerts;
        this.feeds = feeds;
        this.clock = clock;
        this.history = history;
        addClassName("news-view");
        // A reload brings all of this back (cards from the store, filter from the URL), so the page
        // may reload by itself when its push connection went silent.
        addClassName(PushWatchdog.RELOAD_SAFE);

        Div toolbar = new Div(filter, status);
        toolbar.addClassName("toolbar");

        list.setId("alert-list");
        list.addClassName("alert-list");
        empty.addClassName("empty-state");
        empty.setText("No alerts match this filter yet. New ones appear here as soon as they arrive.");

        skippedNotice.addClassName("skipped-notice");
        skippedNotice.setVisible(false);

        announcer.addClassName("visually-hidden");
        announcer.getElement().setAttribute("aria-live", "polite");
        announcer.getElement().setAttribute("aria-atomic", "true");
        announcer.setId("alert-announcer");
        list.announceIn(announcer.getElement());

        gaps.addClassName("feed-gaps");
        loadOlder.addClassName("load-older");
        loadOlder.setId("load-older");
        loadOlder.addClickListener(click -> loadOlder());

        add(toolbar, skippedNotice, gaps, announcer, empty, list, loadOlder);
        filter.addFilterChangeListener(event -> {
            query = event.getQuery();
            writeQueryToUrl();
            reloadInBackground();
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        query = readQuery(event.getLocation().getQueryParameters());
        filter.setQuery(query);
        if (isAttached()) {
            reload();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscriptions.replace(
                // Waits for the tab to take each batch, so a tab whose session is busy backs up in the
                // broadcaster's bounded backlog (oldest dropped, reader told), not in Vaadin's queue.
                alerts.subscribe(delivery -> LiveSubscriptions.accessAndWait(ui, () -> show(delivery), DELIVERY_PATIENCE)),
                feeds.subscribe(feedStatus -> LiveSubscriptions.access(ui, () -> showStatus(List.of(feedStatus)))));
        showStatus(feeds.statuses());
        reload();
        ui.getPage().executeJs(RelativeTime.CLOCK_SCRIPT);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscriptions.removeAll();
    }

    /** Replaces the cards with the newest stored alerts that match the filter. */
    private void reload() {
        showFirstPage(alerts.page(query, null, MAX_CARDS));
    }

    private void showFirstPage(AlertPage page) {
        list.clear();
        positions.clear();
        skippedNotice.setVisible(false);
        cardLimit = MAX_CARDS;
        appendOlder(page);
        showGaps();
    }

    /**
     * A changed filter or keyword searches the whole history; that query runs on a background
     * thread so this tab keeps its live pushes meanwhile. A newer change wins over an older answer.
     */
    private void reloadInBackground() {
        UI ui = UI.getCurrent();
        AlertQuery asked = query;
        inBackground(ui, () -> alerts.page(asked, null, MAX_CARDS), page -> {
            if (asked.equals(query)) {
                showFirstPage(page);
            }
        }, () -> { });
    }

    private void inBackground(UI ui, java.util.function.Supplier<AlertPage> work,
            java.util.function.Consumer<AlertPage> show, Runnable failed) {
        try {
            CompletableFuture.supplyAsync(work, history).whenComplete((page, failure) -> LiveSubscriptions.access(ui, () -> {
                if (failure != null) {
                    failed.run();
                    Notification.show("Could not load alerts; try again.", 5_000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                } else {
                    show.accept(page);
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            failed.run();
            Notification.show("The server is busy; try again in a moment.", 5_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void appendOlder(AlertPage page) {
        for (int i = 0; i < page.alerts().size(); i++) {
            String id = page.alerts().get(i).id();
            if (list.alert(id) == null) {
                positions.put(id, page.positions().get(i));
            }
        }
        list.addAtBottom(page.alerts(), clock.instant());
        olderThan = page.olderThan();
        loadOlder.setVisible(olderThan != null && list.size() < MAX_CARDS_WITH_HISTORY);
        loadOlder.setEnabled(true);
        empty.setVisible(list.size() == 0);
    }

    /**
     * Pages back through history on a background thread, so the query never holds this tab's
     * session (and with it live pushes) while the database works.
     */
    private void loadOlder() {
        Long cursor = olderThan;
        if (cursor == null) {
            return;
        }
        UI ui = UI.getCurrent();
        AlertQuery asked = query;
        loadOlder.setEnabled(false);
        inBackground(ui, () -> alerts.page(asked, cursor, OLDER_PAGE), page -> {
            if (asked.equals(query) && cursor.equals(olderThan)) {
                cardLimit = Math.min(MAX_CARDS_WITH_HISTORY, cardLimit + page.alerts().size());
                appendOlder(page);
            } else {
                loadOlder.setEnabled(true);
            }
        }, () -> loadOlder.setEnabled(true));
    }

    private void showGaps() {
        gaps.removeAll();
        for (FeedGap gap : feeds.recentGaps(5)) {
            Div notice = new Div();
            notice.addClassName("feed-gap");
            notice.setText("Feed " + gap.feed() + " interrupted " + GAP_TIME.format(gap.from()) + "–"
                    + GAP_TIME.format(gap.to()) + " UTC: alerts sent meanwhile could not be replayed.");
            gaps.add(notice);
        }
        gaps.setVisible(gaps.getComponentCount() > 0);
    }

    void show(AlertBroadcaster.Delivery delivery) {
        Alert latestNew = null;
        int added = 0;
        for (Alert alert : delivery.alerts()) {
            Alert shown = list.alert(alert.id());
            if (shown != null) {
                if (alert.revision() > shown.revision()) {
                    list.replace(alert, clock.instant());
                }
            } else if (query.matches(alert) && !alert.retracted()) {
                list.addOnTop(alert, clock.instant());
                latestNew = alert;
                added++;
            }
        }
        trimToLimit();
        empty.setVisible(list.size() == 0);
        if (latestNew != null) {
            list.announce(added == 1 ? "New alert: " + latestNew.headline()
                    : added + " new alerts. Latest: " + latestNew.headline());
        }
        if (delivery.skipped() > 0) {
            showSkipped(delivery.skipped());
        }
    }

    /**
     * Drops the oldest cards beyond the limit. They stay reachable: "Load older" then starts just
     * above the newest card dropped (a card that arrived live has no known place, so it restarts
     * from the top and skips what is shown).
     */
    private void trimToLimit() {
        boolean trimmed = false;
        while (list.size() > cardLimit) {
            Alert oldest = list.removeOldest();
            Long position = positions.remove(oldest.id());
            long resumeBelow = position == null ? Long.MAX_VALUE : position + 1;
            olderThan = olderThan == null ? resumeBelow : Math.max(olderThan, resumeBelow);
            trimmed = true;
        }
        if (trimmed) {
            loadOlder.setVisible(true);
            loadOlder.setEnabled(true);
        }
    }

    private void showSkipped(long skipped) {
        skippedNotice.removeAll();
        Button reload = new Button("Reload the list", click -> reload());
        reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
        skippedNotice.add(new Span(skipped + (skipped == 1 ? " alert" : " alerts")
                + " arrived faster than this tab could show them. "), reload);
        skippedNotice.setVisible(true);
    }

    private void showStatus(List<FeedStatus> changed) {
        if (changed.stream().anyMatch(feedStatus -> feedStatus.state() == FeedState.LIVE)) {
            showGaps();
        }
        changed.forEach(feedStatus -> feedStatuses.put(feedStatus.feed(), feedStatus));
        status.show(feedStatuses.values(), clock.instant());
    }

    private void writeQueryToUrl() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                new Location("", toQueryParameters(query))));
    }

    static AlertQuery readQuery(QueryParameters parameters) {
        Set<Category> categories = new TreeSet<>();
        for (String value : parameters.getParameters().getOrDefault(CATEGORY_PARAM, List.of())) {
            Arrays.stream(value.split(",")).map(String::strip).filter(key -> !key.isEmpty()).forEach(key -> {
                try {
                    categories.add(Category.of(key));
                } catch (IllegalArgumentException notACategory) {
                    // A mistyped bookmark: ignore that one category rather than the whole filter.
                }
            });
        }
        String keyword = parameters.getParameters().getOrDefault(KEYWORD_PARAM, List.of()).stream()
                .filter(Objects::nonNull).findFirst().orElse("");
        return new AlertQuery(categories, keyword);
    }

    static QueryParameters toQueryParameters(AlertQuery query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!query.categories().isEmpty()) {
            parameters.put(CATEGORY_PARAM, List.of(query.categories().stream().map(Category::key)
                    .collect(Collectors.joining(","))));
        }
        if (!query.keyword().isEmpty()) {
            parameters.put(KEYWORD_PARAM, List.of(query.keyword()));
        }
        return new QueryParameters(parameters);
    }
}
