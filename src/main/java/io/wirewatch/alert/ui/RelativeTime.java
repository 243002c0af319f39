package io.wirewatch.alert.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** "just now", "4 min ago", "2 h ago", "3 d ago"; the page's clock script keeps the same wording. */
final class RelativeTime {

    static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneId.of("UTC"));

    private RelativeTime() {
    }

    static String between(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 45) {
            return "just now";
        }
        if (seconds < 3_600) {
            return Math.max(1, Math.round(seconds / 60.0)) + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /**
     * Refreshes every {@code [data-ts]} element twice a minute in the browser, so times stay true
     * without a server push. A constant script: nothing from an alert is ever part of it.
     */
    static final String CLOCK_SCRIPT = """
            if (!window.wirewatchClock) {
              const format = (ms) => {
                const s = Math.max(0, Math.floor(ms / 1000));
                if (s < 45) return 'just now';
                if (s < 3600) return Math.max(1, Math.round(s / 60)) + ' min ago';
                if (s < 86400) return Math.floor(s / 3600) + ' h ago';
                return Math.floor(s / 86400) + ' d ago';
              };
              window.wirewatchClock = setInterval(() => {
                const now = Date.now();
                document.querySelectorAll('[data-ts]').forEach((el) => {
                  el.textContent = format(now - Number(el.dataset.ts));
                });
              }, 30000);
            }
            """;
}
