package io.wirewatch.alert;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Some stories, newest first, and where the next older page starts ({@code null}: there is none).
 */
public record AlertPage(List<Alert> alerts, @Nullable Long olderThan) {

    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}
