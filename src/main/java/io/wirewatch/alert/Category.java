package io.wirewatch.alert;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A news category, identified by a short lowercase key such as {@code markets}. The key is what the
 * URL filter ({@code ?category=markets,sports}) and the cards' {@code data-category} use.
 * Feeds may bring categories outside {@link #KNOWN}; those are kept as long as the key is well formed.
 */
public record Category(String key) implements Comparable<Category> {

    public static final int KEY_MAX = 32;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public static final Category MARKETS = new Category("markets");
    public static final Category ECONOMY = new Category("economy");
    public static final Category POLITICS = new Category("politics");
    public static final Category WORLD = new Category("world");
    public static final Category TECHNOLOGY = new Category("technology");
    public static final Category BUSINESS = new Category("business");
    public static final Category SPORTS = new Category("sports");
    public static final Category SCIENCE = new Category("science");
    public static final Category HEALTH = new Category("health");
    public static final Category ENERGY = new Category("energy");
    public static final Category WEATHER = new Category("weather");
    public static final Category GENERAL = new Category("general");

    public static final List<Category> KNOWN = List.of(MARKETS, ECONOMY, POLITICS, WORLD, TECHNOLOGY,
            BUSINESS, SPORTS, SCIENCE, HEALTH, ENERGY, WEATHER, GENERAL);

    public Category {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("category key must be 1-32 of a-z, 0-9 and '-'");
        }
    }

    /** Reads a key as a user or a feed wrote it ("Markets ", "tech news"), or fails. */
    public static Category of(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        return new Category(key);
    }

    /** "markets" → "Markets", "real-estate" → "Real estate". */
    public String label() {
        String words = key.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    @Override
    public int compareTo(Category other) {
        return key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return key;
    }
}
