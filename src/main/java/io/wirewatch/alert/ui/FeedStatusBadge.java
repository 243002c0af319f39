package io.wirewatch.alert.ui;

import com.vaadin.flow.component.html.Span;
import io.wirewatch.feed.FeedState;
import io.wirewatch.feed.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The reader's short feed status: "Live", "Connecting…", "Reconnecting, next try in 4 s" or
 * "Feed down". With several feeds it shows the worst; the tooltip lists each one. Errors are for
 * admins (the feed health panel), never shown to readers.
 */
public class FeedStatusBadge extends Span {

    public FeedStatusBadge() {
        addClassName("feed-status");
        getElement().setAttribute("role", "status");
        show(java.util.List.of(), Instant.now());
    }

    public void show(Collection<FeedStatus> feeds, Instant now) {
        FeedStatus worst = feeds.stream().max(Comparator.comparingInt(FeedStatusBadge::severity)).orElse(null);
        FeedState state = worst == null ? FeedState.DOWN : worst.state();
        getElement().setAttribute("data-state", state.name().toLowerCase(java.util.Locale.ROOT));
        setText(worst == null ? "No feed" : text(worst, now));
        getElement().setAttribute("title", feeds.stream()
                .map(feed -> feed.feed() + ": " + text(feed, now))
                .collect(Collectors.joining("\n")));
    }

    static String text(FeedStatus feed, Instant now) {
        return switch (feed.state()) {
            case LIVE -> "Live";
            case CONNECTING -> "Connecting…";
            case RECONNECTING -> feed.nextAttemptAt() == null ? "Reconnecting…"
                    : "Reconnecting, next try in " + Math.max(1, Duration.between(now, feed.nextAttemptAt()).toSeconds() + 1) + " s";
            case DOWN -> "Feed down";
        };
    }

    private static int severity(FeedStatus feed) {
        return switch (feed.state()) {
            case LIVE -> 0;
            case CONNECTING -> 1;
            case RECONNECTING -> 2;
            case DOWN -> 3;
        };
    }
}
