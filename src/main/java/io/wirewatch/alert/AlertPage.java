package io.wirewatch.alert;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Some stories, newest first, each with its position in the store (the keyset cursor), and where
 * the next older page starts ({@code null}: there is none).
 */
public record AlertPage(List<Alert> alerts, List<Long> positions, @Nullable Long olderThan) {

    public AlertPage {
        alerts = List.copyOf(alerts);
        positions = List.copyOf(positions);
        if (alerts.size() != positions.size()) {
            throw new IllegalArgumentException("one position per alert");
        }
    }

    public static AlertPage empty() {
        return new AlertPage(List.of(), List.of(), null);
    }
}
