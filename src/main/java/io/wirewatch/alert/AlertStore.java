package io.wirewatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where accepted alerts are kept, one entry per story ({@link Alert#id()}), latest revision only. */
public interface AlertStore {

    Optional<Alert> find(String id);

    /** Inserts the story or replaces its stored revision; a story keeps its place in the order. */
    void save(Alert alert);

    /**
     * Stores a story the caller has just found absent: skips the update attempt {@link #save}
     * needs. Still safe if another writer got there first.
     */
    default void insert(Alert alert) {
        save(alert);
    }

    /**
     * Stories matching the query, newest first, starting below the cursor of an earlier page
     * ({@code null}: from the newest). Keyset paging: a page costs the same however deep it is.
     */
    AlertPage page(AlertQuery query, @Nullable Long olderThan, int limit);

    /** The newest test alerts (injected by admins), newest first. */
    List<Alert> newestTestAlerts(int limit);

    default List<Alert> newest(AlertQuery query, int limit) {
        return page(query, null, limit).alerts();
    }

    /**
     * Deletes stories first seen before the cutoffs (test alerts have their own) and all but the
     * newest {@code keepAtMost}; returns how many went.
     */
    int deleteExpired(Instant cutoff, Instant testCutoff, long keepAtMost);
}
