package io.wirewatch.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One news alert, normalised from whichever feed or form it came from. Immutable and shared: the
 * same instance goes to every tab. Every text field is plain text within the {@link AlertRule}
 * limits, and {@code url} is http(s) or absent.
 *
 * @param id          stable across revisions: {@code source + ":" + sourceId}
 * @param revision    1 for the first delivery, one more for every update or retraction
 * @param publishedAt when the story first ran, as the source says
 * @param updatedAt   when this revision was made, as the source says; orders revisions
 * @param receivedAt  when Wirewatch accepted this revision
 * @param test        injected by an admin, not from a real feed
 */
public record Alert(
        String id,
        String source,
        String sourceId,
        int revision,
        AlertAction action,
        String headline,
        String summary,
        @Nullable String url,
        Category category,
        Priority priority,
        List<String> symbols,
        Instant publishedAt,
        Instant updatedAt,
        Instant receivedAt,
        boolean test) {

    public static final int HEADLINE_MAX = AlertRule.HEADLINE_MAX;
    public static final int SUMMARY_MAX = AlertRule.SUMMARY_MAX;
    public static final int URL_MAX = AlertRule.URL_MAX;
    public static final int SOURCE_MAX = 64;
    public static final int SOURCE_ID_MAX = 128;
    public static final int SYMBOLS_MAX = 20;

    public Alert {
        requireToken(source, SOURCE_MAX, "source");
        requireToken(sourceId, SOURCE_ID_MAX, "sourceId");
        if (!id.equals(idOf(source, sourceId))) {
            throw new IllegalArgumentException("id must be source:sourceId");
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1");
        }
        Objects.requireNonNull(action);
        Objects.requireNonNull(category);
        Objects.requireNonNull(priority);
        // Microseconds: what both databases keep, so a stored alert equals the one broadcast.
        publishedAt = publishedAt.truncatedTo(ChronoUnit.MICROS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MICROS);
        receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
        AlertRule.checkHeadline(headline).ifPresent(Alert::fail);
        AlertRule.checkSummary(summary).ifPresent(Alert::fail);
        AlertRule.checkUrl(url).ifPresent(Alert::fail);
        symbols = List.copyOf(symbols);
        if (symbols.size() > SYMBOLS_MAX) {
            throw new IllegalArgumentException("at most " + SYMBOLS_MAX + " symbols");
        }
    }

    /**
     * A first delivery (revision 1) of a story, its text reduced to plain text. Throws
     * {@link InvalidAlertException} naming the broken rule.
     */
    public static Alert received(String source, String sourceId, AlertAction action, String headline,
            @Nullable String summary, @Nullable String url, Category category, Priority priority,
            List<String> symbols, Instant publishedAt, @Nullable Instant updatedAt, Instant receivedAt,
            boolean test) {
        requirePrintable(source, "source");
        requirePrintable(sourceId, "sourceId");
        String cleanUrl = url == null || url.isBlank() ? null : url.strip();
        return new Alert(idOf(source, sourceId), source, sourceId, 1, action, AlertText.plain(headline),
                summary == null ? "" : AlertText.plain(summary), cleanUrl, category, priority,
                symbols.stream().limit(SYMBOLS_MAX).toList(), publishedAt,
                updatedAt == null ? publishedAt : updatedAt, receivedAt, test);
    }

    /**
     * A story a person wrote (an admin's test alert): its text is kept exactly as typed, apart from
     * white space, and published, updated and received at {@code at}.
     */
    public static Alert authored(String source, String sourceId, String headline, String summary,
            @Nullable String url, Category category, Priority priority, Instant at, boolean test) {
        requirePrintable(source, "source");
        requirePrintable(sourceId, "sourceId");
        String cleanUrl = url == null || url.isBlank() ? null : url.strip();
        return new Alert(idOf(source, sourceId), source, sourceId, 1, AlertAction.CREATED,
                AlertText.normalize(headline), AlertText.normalize(summary), cleanUrl, category, priority,
                List.of(), at, at, at, test);
    }

    public static String idOf(String source, String sourceId) {
        return source + ":" + sourceId;
    }

    /** This alert as the given revision of an already stored story. */
    public Alert asRevision(int newRevision, AlertAction newAction) {
        return new Alert(id, source, sourceId, newRevision, newAction, headline, summary, url, category,
                priority, symbols, publishedAt, updatedAt, receivedAt, test);
    }

    public boolean retracted() {
        return action == AlertAction.RETRACTED;
    }

    private static void requireToken(String value, int max, String name) {
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1-" + max + " characters");
        }
    }

    /**
     * Ids are kept as sent, so what enters must be storable and sendable: PostgreSQL refuses a NUL in
     * text, and half a surrogate pair has no UTF-8 form. Checked where a story comes in, not in the
     * constructor, which also reads stored stories back: one stored before this check must not make
     * every page that holds it fail to load.
     */
    private static void requirePrintable(String value, String name) {
        if (!AlertText.isPrintable(value)) {
            throw new IllegalArgumentException(name + " must not hold control characters or half a surrogate pair");
        }
    }

    private static void fail(AlertRule rule) {
        throw new InvalidAlertException(rule);
    }
}
