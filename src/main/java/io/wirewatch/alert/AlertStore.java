package io.wirewatch.alert;

import java.util.List;
import java.util.Optional;

/** Where accepted alerts are kept, one entry per story ({@link Alert#id()}), latest revision only. */
public interface AlertStore {

    Optional<Alert> find(String id);

    /** Inserts the story or replaces its stored revision. */
    void save(Alert alert);

    /** The newest stories matching the query, newest first. */
    List<Alert> newest(AlertQuery query, int limit);
}
