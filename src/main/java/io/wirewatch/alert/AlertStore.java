package io.wirewatch.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where accepted alerts are kept, one entry per story ({@link Alert#id()}), latest revision only. */
public interface AlertStore {

    Optional<Alert> find(String id);

    /**
     * The stored stories among the given ids (which may repeat), by id; ids with no story are left
     * out. One round trip where the store can (the default asks {@link #find} for each).
     */
    default Map<String, Alert> findAll(Collection<String> ids) {
        Map<String, Alert> found = new HashMap<>();
        for (String id : ids) {
            find(id).ifPresent(alert -> found.put(id, alert));
        }
        return found;
    }

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
     * Stores the writes of one batch in their order, all or nothing: a store that can fail half-way
     * (a database) makes them one transaction, so a failure leaves every story as it was and throws.
     * The default makes them one after the other, which is all or nothing only for a store whose
     * writes cannot fail, or fail from the first one on.
     */
    default void saveAll(List<Write> writes) {
        for (Write write : writes) {
            if (write.insert()) {
                insert(write.alert());
            } else {
                save(write.alert());
            }
        }
    }

    /**
     * One write of a batch ({@link #saveAll}).
     *
     * @param insert the caller has just found the story absent: stored as by {@link #insert}, otherwise
     *               it replaces the stored revision as by {@link #save}
     */
    record Write(Alert alert, boolean insert) {
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
