package io.wirewatch.alert.ui;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.Priority;
import io.wirewatch.base.ui.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an alert card's markup, once per alert (and shown time), for every tab.
 *
 * <p>The structure is fixed here; feed and admin text (the category key too, though its own rule
 * already allows only {@code a-z0-9-}) only ever enters through {@link #escape}, which turns
 * the five characters HTML gives meaning to into entities, in text and in quoted attribute values
 * alike. A link's address is http(s) by {@link Alert}'s own invariant. Recently rendered cards are
 * kept (a bounded, least-recently-used map keyed by the alert's value), so the thousands of tabs
 * that receive one alert share one string, and equal alerts loaded from the store by different tabs
 * share one {@link Alert} instance.
 */
final class CardMarkup {

    static final CardMarkup SHARED = new CardMarkup(4_096);

    /**
     * The card's alert (the shared instance), its markup, and the markup escaped for the JSON of a
     * tab's message, also once for every tab.
     */
    record Rendered(Alert alert, String html, JsonText json) {

        Rendered(Alert alert, String html) {
            this(alert, html, JsonText.of(html));
        }
    }

    private record Key(Alert alert, String shownTime) {
    }

    /** A render remembered by the alert instance it was asked for. */
    private record ByInstance(Alert alert, String shownTime, Rendered rendered) {
    }

    private final Map<Key, Rendered> recent;
    /**
     * The fan-out hands every tab the same {@link Alert} instance, so most tabs find their card here
     * by identity, without hashing the whole alert or taking the lock. Slots are read and written
     * without a lock: an entry's fields are final, so a reader sees a whole entry or an older one.
     */
    private final ByInstance[] byInstance = new ByInstance[64];

    CardMarkup(int capacity) {
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Rendered> eldest) {
                return size() > capacity;
            }
        };
    }

    Rendered render(Alert alert, Instant now) {
        String shownTime = RelativeTime.between(alert.publishedAt(), now);
        int slot = System.identityHashCode(alert) & (byInstance.length - 1);
        ByInstance known = byInstance[slot];
        if (known != null && known.alert() == alert && known.shownTime().equals(shownTime)) {
            return known.rendered();
        }
        Rendered rendered = renderShared(new Key(alert, shownTime));
        byInstance[slot] = new ByInstance(alert, shownTime, rendered);
        return rendered;
    }

    private Rendered renderShared(Key key) {
        synchronized (recent) {
            Rendered known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        Rendered rendered = new Rendered(key.alert(), html(key.alert(), key.shownTime()));
        synchronized (recent) {
            Rendered raced = recent.putIfAbsent(key, rendered);
            return raced != null ? raced : rendered;
        }
    }

    static String html(Alert alert, String shownTime) {
        StringBuilder html = new StringBuilder(512 + alert.headline().length() + alert.summary().length());
        html.append("<article class=\"alert-card priority-").append(alert.priority().key());
        if (alert.retracted()) {
            html.append(" retracted");
        }
        html.append("\" data-alert-id=\"").append(escape(alert.id()))
                .append("\" data-category=\"").append(escape(alert.category().key()))
                .append("\" data-revision=\"").append(alert.revision()).append("\">");

        html.append("<div class=\"meta\">");
        if (alert.priority() != Priority.NORMAL) {
            label(html, "badge priority", alert.priority().label());
        }
        if (alert.test()) {
            label(html, "badge test", "Test");
        }
        if (alert.action() == AlertAction.UPDATED) {
            label(html, "badge updated", "Updated");
        }
        if (alert.retracted()) {
            label(html, "badge retracted", "Retracted");
        }
        label(html, "category", alert.category().label());
        label(html, "source", alert.source());
        if (!alert.symbols().isEmpty()) {
            label(html, "symbols", String.join(" · ", alert.symbols()));
        }
        html.append("<time class=\"time\" datetime=\"").append(alert.publishedAt())
                .append("\" title=\"").append(RelativeTime.EXACT.format(alert.publishedAt()))
                .append("\" data-ts=\"").append(alert.publishedAt().toEpochMilli()).append("\">")
                .append(escape(shownTime)).append("</time></div>");

        html.append("<h3 class=\"headline\">");
        if (alert.url() != null) {
            html.append("<a href=\"").append(escape(alert.url()))
                    .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append(escape(alert.headline())).append("</a>");
        } else {
            html.append(escape(alert.headline()));
        }
        html.append("</h3>");
        if (!alert.summary().isEmpty()) {
            html.append("<p class=\"summary\">").append(escape(alert.summary())).append("</p>");
        }
        return html.append("</article>").toString();
    }

    private static void label(StringBuilder html, String classNames, String text) {
        html.append("<span class=\"").append(classNames).append("\">").append(escape(text)).append("</span>");
    }

    /** Text made safe for element content and for double- or single-quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (entity != null) {
                    escaped.append(entity);
                } else {
                    escaped.append(text.charAt(i));
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
