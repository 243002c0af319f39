package io.wirewatch.alert;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; {@link #BREAKING} items stand out on every card. */
public enum Priority {
    LOW, NORMAL, HIGH, BREAKING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
