package io.wirewatch.testing;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import java.time.Instant;
import java.util.List;

/** Alerts for tests that drive the live path from publish to tab. */
public final class TestAlerts {

    private TestAlerts() {
    }

    /**
     * A new Markets story of normal priority, received now, headlined "Headline " and its id within
     * the source: a tab filtered on a word in {@code sourceId} shows it.
     */
    public static Alert story(String source, String sourceId, String summary) {
        Instant now = Instant.now();
        return Alert.received(source, sourceId, AlertAction.CREATED, "Headline " + sourceId, summary, null,
                Category.MARKETS, Priority.NORMAL, List.of(), now, null, now, false);
    }
}
