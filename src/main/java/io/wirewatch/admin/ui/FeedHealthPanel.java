package io.wirewatch.admin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.wirewatch.feed.FeedStatus;
import io.wirewatch.feed.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Every feed's health for admins: state, message age, counts, rejections by reason, errors, backoff. */
class FeedHealthPanel extends Div {

    FeedHealthPanel() {
        addClassName("feed-health");
    }

    void show(List<FeedStatus> feeds, Instant now) {
        removeAll();
        if (feeds.isEmpty()) {
            add(new Span("No feeds are running."));
            return;
        }
        for (FeedStatus feed : feeds) {
            Div card = new Div();
            card.addClassName("feed-health-card");
            card.getElement().setAttribute("data-feed", feed.feed());
            Span state = new Span(feed.state().name().toLowerCase(Locale.ROOT));
            state.addClassName("state");
            state.getElement().setAttribute("data-state", feed.state().name().toLowerCase(Locale.ROOT));
            H3 title = new H3(feed.feed());
            title.add(state);
            card.add(title,
                    row("Last message", feed.lastMessageAt() == null ? "none yet" : age(feed.lastMessageAt(), now)),
                    row("Received", Long.toString(feed.received())),
                    row("Rejected", rejected(feed.rejected())),
                    row("Reconnects", Long.toString(feed.reconnects())),
                    row("Last error", feed.lastError() == null ? "none" : feed.lastError()),
                    row("Next attempt", feed.nextAttemptAt() == null ? "not waiting"
                            : "in " + Math.max(0, Duration.between(now, feed.nextAttemptAt()).toMillis()) + " ms"),
                    row("Resume cursor", feed.cursor() == null ? "none" : Long.toString(feed.cursor())));
            add(card);
        }
    }

    private static Div row(String label, String value) {
        Span name = new Span(label);
        name.addClassName("label");
        Span text = new Span(value);
        text.addClassName("value");
        Div row = new Div(name, text);
        row.addClassName("row");
        return row;
    }

    static String rejected(Map<RejectReason, Long> rejected) {
        long total = rejected.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "0";
        }
        return total + " (" + rejected.entrySet().stream()
                .map(entry -> entry.getKey().description() + ": " + entry.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String age(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
