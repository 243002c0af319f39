package io.wirewatch.admin;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent admin actions, newest first, bounded in memory. */
public final class AuditTrail {

    private final int capacity;
    private final ArrayDeque<AuditEntry> entries = new ArrayDeque<>();

    public AuditTrail(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(AuditEntry entry) {
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.pollLast();
        }
    }

    public synchronized List<AuditEntry> newest(int limit) {
        return entries.stream().limit(limit).toList();
    }
}
