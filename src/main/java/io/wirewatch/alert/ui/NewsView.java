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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
    /** How long a reader waits for a page of history (queued and read) before being told it failed. */
    private static final Duration PAGE_PATIENCE = Duration.ofSeconds(30);
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
    private final Div notice = new Div();
    private final Span announcer = new Span();
    private final Div gaps = new Div();
    private final Button loadOlder = new Button("Load older alerts");
    private final Executor history;
    private @Nullable Long olderThan;
    private int cardLimit = MAX_CARDS;
    /** Store positions of the cards that came from a page; live cards have none. */
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, FeedStatus> feedStatuses = new LinkedHashMap<>();
    /** Counts first-page loads; only the latest one's page is shown, and a superseded one is not read. */
    private volatile long loads;
    /** Whether the list holds the current filter's page (not loading, not failed): only then can it say nothing matches. */
    private boolean listComplete;
    /** What was delivered since the first page now loading was asked for; null when none is loading. */
    private @Nullable Arrivals deliveredWhileLoading;

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
        // Until the first page is there.
        showEmptyState();
        loadOlder.setVisible(false);

        notice.addClassName("skipped-notice");
        notice.setVisible(false);

        announcer.addClassName("visually-hidden");
        announcer.getElement().setAttribute("aria-live", "polite");
        announcer.getElement().setAttribute("aria-atomic", "true");
        announcer.setId("alert-announcer");
        list.announceIn(announcer.getElement());

        gaps.addClassName("feed-gaps");
        loadOlder.addClassName("load-older");
        loadOlder.setId("load-older");
        loadOlder.addClickListener(click -> loadOlder());

        add(toolbar, notice, gaps, announcer, empty, list, loadOlder);
        filter.addFilterChangeListener(event -> {
            query = event.getQuery();
            writeQueryToUrl();
            reload();
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

    /**
     * Replaces the cards with the newest stored alerts that match the filter: when the tab opens,
     * when the filter or keyword changes, and on request. Live alerts keep coming meanwhile; they
     * are kept to go on top of the page when it comes ({@link Arrivals}). A newer load wins over an
     * older answer.
     */
    private void reload() {
        UI ui = getUI().orElse(null);
        if (ui == null) {
            return;
        }
        long load = ++loads;
        AlertQuery asked = query;
        deliveredWhileLoading = new Arrivals();
        listComplete = false;
        // Screen readers hear the list is being filled; the page shows no "nothing matches" meanwhile,
        // and older pages wait for the first.
        list.getElement().setAttribute("aria-busy", "true");
        showEmptyState();
        loadOlder.setVisible(false);
        // A load superseded before its turn on the pool (a keyword being typed) is not read at all.
        inBackground(ui, () -> load == loads ? alerts.page(asked, null, MAX_CARDS) : AlertPage.empty(), page -> {
            if (load == loads) {
                showFirstPage(page);
            }
        }, reason -> {
            if (load == loads) {
                // What the list held was for the filter before, if any: show only what came live
                // since, and never that nothing matches.
                showFirstPage(AlertPage.empty());
                listComplete = false;
                showEmptyState();
                showNotice(reason + ". New alerts still appear here. ", "Try again");
            }
        });
    }

    private void showFirstPage(AlertPage page) {
        list.getElement().removeAttribute("aria-busy");
        list.clear();
        positions.clear();
        notice.setVisible(false);
        cardLimit = MAX_CARDS;
        appendOlder(page);
        Arrivals delivered = deliveredWhileLoading;
        deliveredWhileLoading = null;
        listComplete = true;
        if (delivered != null) {
            showLive(delivered.alerts);
            if (delivered.dropped > 0) {
                showSkipped(delivered.dropped);
            }
        }
        showEmptyState();
        showGaps();
    }

    /**
     * Live alerts delivered while a first page loads, oldest first, and how many more did not fit.
     * The page may have been read before some of them were stored, and showing it replaces the
     * list, so they go on top of it again. Alerts are shared by every tab: this holds references.
     */
    private static final class Arrivals {

        final ArrayDeque<Alert> alerts = new ArrayDeque<>();
        /** Alerts not kept here, and those the broadcaster dropped for this tab meanwhile. */
        long dropped;

        void add(List<Alert> delivered, long skipped) {
            dropped += skipped;
            for (Alert alert : delivered) {
                if (alerts.size() == MAX_CARDS_WITH_HISTORY) {
                    // Far more than a page shows arrived while it loaded: the reader is told.
                    alerts.removeFirst();
                    dropped++;
                }
                alerts.addLast(alert);
            }
        }
    }

    /**
     * Reads a page of history on a background thread, so the query never holds this tab's session
     * (and with it live pushes) while the database works, and shows it in the tab; or hands
     * {@code failed} the reason, as a sentence for the reader without its full stop.
     *
     * <p>The read starts while the answer to the current request is being written, after Vaadin
     * ran the tasks queued for the tab into that answer, so the page cannot be part of that answer:
     * Vaadin keeps each tab's last answer until its next request, to send it again should the
     * browser repeat the request, and for an idle tab that is as long as it stays open; a first page
     * of 200 cards in it cost every such tab about 85 KB (bench/NOTES.md, finding 14). The page
     * comes in a push of its own, unless another request of the tab's is being answered at that
     * very moment or the push connection is down, when that answer takes it; the browser's request
     * after drawing the list ({@link CardList#listDrawn}) then replaces that answer.
     */
    private void inBackground(UI ui, java.util.function.Supplier<AlertPage> work,
            java.util.function.Consumer<AlertPage> show, java.util.function.Consumer<String> failed) {
        ui.beforeClientResponse(this, context -> {
            try {
                CompletableFuture.supplyAsync(work, history).orTimeout(PAGE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((page, failure) -> LiveSubscriptions.access(ui, () -> {
                    if (failure != null) {
                        failed.accept("The stored alerts could not be loaded");
                    } else {
                        show.accept(page);
                    }
                }));
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                failed.accept("The server is busy");
            }
        });
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
        showEmptyState();
    }

    /**
     * "Nothing matches" shows only on an empty list that holds the filter's page (not loading, not
     * failed). Runs for every push in every tab; setting an unchanged visibility sends nothing but
     * still costs Vaadin's element bookkeeping, so it is set only when it changes.
     */
    private void showEmptyState() {
        boolean show = list.size() == 0 && listComplete;
        if (empty.isVisible() != show) {
            empty.setVisible(show);
        }
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
        long load = loads;
        AlertQuery asked = query;
        loadOlder.setEnabled(false);
        inBackground(ui, () -> alerts.page(asked, cursor, OLDER_PAGE), page -> {
            if (load == loads && deliveredWhileLoading == null && cursor.equals(olderThan)) {
                cardLimit = Math.min(MAX_CARDS_WITH_HISTORY, cardLimit + page.alerts().size());
                appendOlder(page);
            } else {
                loadOlder.setEnabled(true);
            }
        }, reason -> {
            loadOlder.setEnabled(true);
            Notification.show(reason + "; try again.", 5_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        });
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
        if (deliveredWhileLoading != null) {
            // Showing the page hides any notice, so alerts skipped meanwhile are told again after it.
            deliveredWhileLoading.add(delivery.alerts(), delivery.skipped());
        }
        List<Alert> added = showLive(delivery.alerts());
        if (!added.isEmpty()) {
            Alert latest = added.getLast();
            list.announce(added.size() == 1 ? "New alert: " + latest.headline()
                    : added.size() + " new alerts. Latest: " + latest.headline());
        }
        if (delivery.skipped() > 0) {
            showSkipped(delivery.skipped());
        }
    }

    /**
     * Puts live alerts into the list, oldest first: a newer revision of a shown card replaces it, a
     * new alert that matches the filter goes on top. Returns the cards added.
     */
    private List<Alert> showLive(Collection<Alert> delivered) {
        // Runs in every tab for every push: nothing is allocated unless a card is added.
        List<Alert> added = List.of();
        for (Alert alert : delivered) {
            Alert shown = list.alert(alert.id());
            if (shown != null) {
                if (alert.revision() > shown.revision()) {
                    list.replace(alert, clock.instant());
                }
            } else if (query.matches(alert) && !alert.retracted()) {
                list.addOnTop(alert, clock.instant());
                if (added.isEmpty()) {
                    added = new ArrayList<>(2);
                }
                added.add(alert);
            }
        }
        trimToLimit();
        showEmptyState();
        return added;
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
        // Only when it appears: Button sends its enabled state to the browser on every setEnabled,
        // changed or not, and on a full list this runs for every live alert. A visible, disabled
        // button is waiting for its page, whose arrival enables it.
        if (trimmed && !loadOlder.isVisible()) {
            loadOlder.setVisible(true);
            loadOlder.setEnabled(true);
        }
    }

    private void showSkipped(long skipped) {
        showNotice(skipped + (skipped == 1 ? " alert" : " alerts") + " arrived faster than this tab could show them. ",
                "Reload the list");
    }

    /** A notice above the list that stays until the list is reloaded, with the button that does it. */
    private void showNotice(String text, String reloadCaption) {
        notice.removeAll();
        Button reload = new Button(reloadCaption, click -> reload());
        reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
        notice.add(new Span(text), reload);
        notice.setVisible(true);
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
