package io.wirewatch.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the most recent stories in memory (by default 500) so a new tab starts with history. The
 * oldest story leaves when a new one arrives at capacity; a revision keeps its story's place.
 */
public final class RecentAlertStore implements AlertStore {

    public static final int DEFAULT_CAPACITY = 500;

    private final int capacity;
    private final LinkedHashMap<String, Alert> byId = new LinkedHashMap<>();

    public RecentAlertStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized void save(Alert alert) {
        byId.put(alert.id(), alert);
        if (byId.size() > capacity) {
            Map.Entry<String, Alert> eldest = byId.entrySet().iterator().next();
            byId.remove(eldest.getKey());
        }
    }

    @Override
    public synchronized List<Alert> newest(AlertQuery query, int limit) {
        List<Alert> matches = new ArrayList<>(Math.min(limit, byId.size()));
        for (Alert alert : byId.sequencedValues().reversed()) {
            if (matches.size() == limit) {
                break;
            }
            if (query.matches(alert)) {
                matches.add(alert);
            }
        }
        return matches;
    }

    public synchronized int size() {
        return byId.size();
    }
}
