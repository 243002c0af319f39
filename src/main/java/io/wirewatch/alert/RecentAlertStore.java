package io.wirewatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the most recent stories in memory: the store when {@code wirewatch.store=memory}, and a
 * fast stand-in in tests. The oldest story leaves when a new one arrives at capacity; a revision
 * keeps its story's place.
 */
public final class RecentAlertStore implements AlertStore {

    public static final int DEFAULT_CAPACITY = 500;

    private record Entry(long position, Alert alert, Instant firstSeen) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();
    private long nextPosition = 1;

    public RecentAlertStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::alert);
    }

    @Override
    public synchronized Map<String, Alert> findAll(Collection<String> ids) {
        Map<String, Alert> found = new HashMap<>();
        for (String id : ids) {
            Entry entry = byId.get(id);
            if (entry != null) {
                found.put(id, entry.alert());
            }
        }
        return found;
    }

    /** All under one lock: no reader sees half a batch. */
    @Override
    public synchronized void saveAll(List<Write> writes) {
        for (Write write : writes) {
            save(write.alert());
        }
    }

    @Override
    public synchronized void save(Alert alert) {
        Entry existing = byId.get(alert.id());
        byId.put(alert.id(), existing == null ? new Entry(nextPosition++, alert, alert.receivedAt())
                : new Entry(existing.position(), alert, existing.firstSeen()));
        if (byId.size() > capacity) {
            Map.Entry<String, Entry> eldest = byId.entrySet().iterator().next();
            byId.remove(eldest.getKey());
        }
    }

    @Override
    public synchronized AlertPage page(AlertQuery query, @Nullable Long olderThan, int limit) {
        List<Alert> matches = new ArrayList<>(Math.min(limit, byId.size()));
        List<Long> positions = new ArrayList<>(Math.min(limit, byId.size()));
        Long last = null;
        boolean more = false;
        for (Entry entry : byId.sequencedValues().reversed()) {
            if (olderThan != null && entry.position() >= olderThan) {
                continue;
            }
            if (query.matches(entry.alert())) {
                if (matches.size() == limit) {
                    more = true;
                    break;
                }
                matches.add(entry.alert());
                positions.add(entry.position());
                last = entry.position();
            }
        }
        return new AlertPage(matches, positions, more ? last : null);
    }

    @Override
    public synchronized List<Alert> newestTestAlerts(int limit) {
        return byId.sequencedValues().reversed().stream().map(Entry::alert).filter(Alert::test).limit(limit).toList();
    }

    @Override
    public synchronized int deleteExpired(Instant cutoff, Instant testCutoff, long keepAtMost) {
        int before = byId.size();
        byId.values().removeIf(entry -> entry.firstSeen().isBefore(entry.alert().test() ? testCutoff : cutoff));
        while (byId.size() > keepAtMost) {
            byId.remove(byId.keySet().iterator().next());
        }
        return before - byId.size();
    }

    public synchronized int size() {
        return byId.size();
    }
}
