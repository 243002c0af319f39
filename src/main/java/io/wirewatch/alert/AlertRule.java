package io.wirewatch.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The limits every alert obeys, whoever sends it. The feed parser uses them to name why it rejects
 * an item, the admin form shows the same message next to the field, and {@link Alert} refuses to
 * exist without them.
 */
public enum AlertRule {
    HEADLINE_REQUIRED("A headline is required"),
    HEADLINE_TOO_LONG("A headline has at most " + AlertRule.HEADLINE_MAX + " characters"),
    SUMMARY_TOO_LONG("A summary has at most " + AlertRule.SUMMARY_MAX + " characters"),
    URL_TOO_LONG("A link has at most " + AlertRule.URL_MAX + " characters"),
    URL_NOT_HTTP("A link must be an http:// or https:// address");

    public static final int HEADLINE_MAX = 300;
    public static final int SUMMARY_MAX = 5_000;
    public static final int URL_MAX = 2_048;

    private final String message;

    AlertRule(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    public static Optional<AlertRule> checkHeadline(String headline) {
        if (headline.isBlank()) {
            return Optional.of(HEADLINE_REQUIRED);
        }
        return headline.length() > HEADLINE_MAX ? Optional.of(HEADLINE_TOO_LONG) : Optional.empty();
    }

    public static Optional<AlertRule> checkSummary(String summary) {
        return summary.length() > SUMMARY_MAX ? Optional.of(SUMMARY_TOO_LONG) : Optional.empty();
    }

    public static Optional<AlertRule> checkUrl(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        if (url.length() > URL_MAX) {
            return Optional.of(URL_TOO_LONG);
        }
        return isWebAddress(url) ? Optional.empty() : Optional.of(URL_NOT_HTTP);
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.toLowerCase(Locale.ROOT).equals("http") || scheme.toLowerCase(Locale.ROOT).equals("https"))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException malformed) {
            return false;
        }
    }
}
