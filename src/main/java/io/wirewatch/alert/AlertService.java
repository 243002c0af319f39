package io.wirewatch.alert;

import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The one way in for alerts, from feeds and from admins alike: dedupes by story, orders revisions,
 * applies retractions, stores, then hands each change to the {@link AlertBroadcaster}. Never blocks
 * on readers: broadcasting only queues. A feed frame's alerts come in as one batch
 * ({@link #ingestAll}): one lookup and one store transaction for all of them.
 */
@Service
public class AlertService {

    private final AlertStore store;
    private final AlertBroadcaster broadcaster;
    private final Clock clock;
    private final Map<IngestOutcome, LongAdder> outcomes = new EnumMap<>(IngestOutcome.class);

    public AlertService(AlertStore store, AlertBroadcaster broadcaster, Clock clock) {
        this.store = store;
        this.broadcaster = broadcaster;
        this.clock = clock;
        for (IngestOutcome outcome : IngestOutcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    /** Takes in one delivery: the one-alert case of {@link #ingestAll}. */
    public IngestOutcome ingest(Alert incoming) {
        return ingestAll(List.of(incoming)).getFirst();
    }

    /**
     * Takes in the alerts of one delivery (an upstream frame) in their order, each by the same rules
     * as one on its own; a story met earlier in the batch counts as stored in its new revision. The
     * stories are looked up in one go and every change is stored in one go, all or nothing: when
     * storing fails, nothing of the batch is stored, counted or broadcast and the exception
     * propagates, so the caller can have the batch sent again. Then every change is broadcast, in
     * order.
     *
     * @return what became of each alert, in the batch's order
     */
    public List<IngestOutcome> ingestAll(List<Alert> incoming) {
        if (incoming.isEmpty()) {
            return List.of();
        }
        List<IngestOutcome> applied = apply(incoming);
        for (IngestOutcome outcome : applied) {
            outcomes.get(outcome).increment();
        }
        return applied;
    }

    private static boolean sameContent(Alert one, Alert other) {
        return one.headline().equals(other.headline()) && one.summary().equals(other.summary())
                && java.util.Objects.equals(one.url(), other.url()) && one.category().equals(other.category())
                && one.priority() == other.priority() && one.symbols().equals(other.symbols());
    }

    /** How many deliveries ended in the given outcome since start. */
    public long ingestCount(IngestOutcome outcome) {
        return outcomes.get(outcome).sum();
    }

    private List<IngestOutcome> apply(List<Alert> incoming) {
        List<IngestOutcome> applied = new ArrayList<>(incoming.size());
        synchronized (this) {
            List<String> ids = new ArrayList<>(incoming.size());
            for (Alert alert : incoming) {
                ids.add(alert.id());
            }
            // The stories as stored, then as this batch leaves them: a story's second delivery in
            // the batch is weighed against its first.
            Map<String, Alert> current = new HashMap<>(store.findAll(ids));
            List<AlertStore.Write> writes = new ArrayList<>();
            for (Alert alert : incoming) {
                Alert existing = current.get(alert.id());
                Change change = change(alert, existing);
                applied.add(change.outcome());
                if (change.stored() != null) {
                    writes.add(new AlertStore.Write(change.stored(), existing == null));
                    current.put(alert.id(), change.stored());
                }
            }
            if (!writes.isEmpty()) {
                store.saveAll(writes);
            }
            // Inside the lock so that every tab sees a story's revisions in order; publish only queues.
            for (AlertStore.Write write : writes) {
                broadcaster.publish(write.alert());
            }
        }
        return applied;
    }

    /** What one delivery does to its story, given the story's current revision ({@code null}: none). */
    private Change change(Alert incoming, @Nullable Alert existing) {
        if (existing == null) {
            // A retraction that overtakes its story is kept, so the story arriving later is shown
            // withdrawn rather than live.
            return incoming.retracted()
                    ? new Change(IngestOutcome.RETRACTED, incoming.asRevision(1, AlertAction.RETRACTED))
                    : new Change(IngestOutcome.CREATED, incoming.asRevision(1, AlertAction.CREATED));
        } else if (existing.retracted()) {
            return Change.NONE;
        } else if (incoming.retracted()) {
            return new Change(IngestOutcome.RETRACTED, new Alert(existing.id(), existing.source(),
                    existing.sourceId(), existing.revision() + 1, AlertAction.RETRACTED, existing.headline(),
                    existing.summary(), existing.url(), existing.category(), existing.priority(),
                    existing.symbols(), existing.publishedAt(), incoming.updatedAt(), clock.instant(),
                    existing.test()));
        } else if (incoming.updatedAt().isAfter(existing.updatedAt()) && !sameContent(incoming, existing)) {
            return new Change(IngestOutcome.UPDATED,
                    incoming.asRevision(existing.revision() + 1, AlertAction.UPDATED));
        }
        // Older, or the same story again (an upstream without timestamps looks newer each time).
        return Change.NONE;
    }

    /** The outcome of one delivery and the revision it stores, if any. */
    private record Change(IngestOutcome outcome, @Nullable Alert stored) {

        static final Change NONE = new Change(IngestOutcome.DUPLICATE, null);
    }

    public Optional<Alert> find(String id) {
        return store.find(id);
    }

    /**
     * Withdraws a stored story through the same path as a feed's retraction: every tab shows it
     * struck through. Empty when there is no such story.
     */
    public Optional<IngestOutcome> retract(String id) {
        return store.find(id).map(existing -> ingest(existing.asRevision(existing.revision(), AlertAction.RETRACTED)));
    }

    /** The newest stored stories that match, newest first: what a new tab starts with. */
    public List<Alert> newest(AlertQuery query, int limit) {
        return store.newest(query, limit);
    }

    /** The newest test alerts, newest first. */
    public List<Alert> newestTestAlerts(int limit) {
        return store.newestTestAlerts(limit);
    }

    /** A page of history: stories matching the query, older than the cursor of the previous page. */
    public AlertPage page(AlertQuery query, @Nullable Long olderThan, int limit) {
        return store.page(query, olderThan, limit);
    }

    /** Every change from now on, in batches, on a fan-out thread; see {@link AlertBroadcaster}. */
    public Registration subscribe(Consumer<AlertBroadcaster.Delivery> listener) {
        return broadcaster.subscribe(listener);
    }
}
