package io.wirewatch.alert;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reader wants to see: a set of categories (empty means all) and a keyword that must appear
 * in the headline, summary, source or a symbol (case-insensitive; blank means any).
 */
public record AlertQuery(Set<Category> categories, String keyword) {

    public static final int KEYWORD_MAX = 100;
    public static final AlertQuery ALL = new AlertQuery(Set.of(), "");

    public AlertQuery {
        categories = Collections.unmodifiableSortedSet(new TreeSet<>(categories));
        // As typed: searching for "<img" finds an admin's literal "<img", it is not markup here.
        keyword = AlertText.normalize(keyword);
        if (keyword.length() > KEYWORD_MAX) {
            keyword = keyword.substring(0, KEYWORD_MAX);
        }
    }

    public boolean matches(Alert alert) {
        if (!categories.isEmpty() && !categories.contains(alert.category())) {
            return false;
        }
        if (keyword.isEmpty()) {
            return true;
        }
        return contains(alert.headline(), keyword) || contains(alert.summary(), keyword)
                || contains(alert.source(), keyword)
                || alert.symbols().stream().anyMatch(symbol -> contains(symbol, keyword));
    }

    /**
     * Case-insensitive containment without copying either string: this runs for every tab with a
     * keyword, for every alert, on the fan-out path.
     */
    private static boolean contains(String haystack, String needle) {
        for (int start = 0; start <= haystack.length() - needle.length(); start++) {
            if (haystack.regionMatches(true, start, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
