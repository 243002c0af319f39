package io.wirewatch.admin;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertRule;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A test alert as an admin writes it, in the form or as the API's JSON body. {@link #problems()}
 * names what is wrong per field, with the same messages the form shows.
 */
public record TestAlertDraft(@Nullable String headline, @Nullable String summary, @Nullable String category,
        @Nullable Priority priority, @Nullable String url) {

    public static final String SOURCE = "admin";

    /** Field name → message; empty when the draft can be sent. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        AlertRule.checkHeadline(text(headline)).ifPresent(rule -> problems.put("headline", rule.message()));
        AlertRule.checkSummary(text(summary)).ifPresent(rule -> problems.put("summary", rule.message()));
        AlertRule.checkUrl(blankToNull(url)).ifPresent(rule -> problems.put("url", rule.message()));
        categoryProblem(category).ifPresent(message -> problems.put("category", message));
        if (priority == null) {
            problems.put("priority", "Choose a priority");
        }
        return problems;
    }

    public static Optional<String> categoryProblem(@Nullable String category) {
        if (category == null || category.isBlank()) {
            return Optional.of("Choose or type a category");
        }
        try {
            Category.of(category);
            return Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.of("A category is 1-" + Category.KEY_MAX + " letters, digits or dashes");
        }
    }

    /** The alert this draft becomes; call only when {@link #problems()} is empty. */
    public Alert toAlert(String sourceId, Instant at) {
        if (!problems().isEmpty()) {
            throw new IllegalStateException("draft has problems: " + problems().keySet());
        }
        return Alert.authored(SOURCE, sourceId, text(headline), text(summary), blankToNull(url),
                Category.of(text(category)), priority == null ? Priority.NORMAL : priority, at, true);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
