package io.wirewatch.alert;

import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The one way in for alerts, from feeds and from admins alike: dedupes by story, orders revisions,
 * applies retractions, stores, then hands each change to the {@link AlertBroadcaster}. Never blocks
 * on readers: broadcasting only queues.
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

    public IngestOutcome ingest(Alert incoming) {
        IngestOutcome outcome = apply(incoming);
        outcomes.get(outcome).increment();
        return outcome;
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

    private IngestOutcome apply(Alert incoming) {
        Alert changed;
        IngestOutcome outcome;
        synchronized (this) {
            Alert existing = store.find(incoming.id()).orElse(null);
            if (existing == null) {
                // A retraction that overtakes its story is kept, so the story arriving later is
                // shown withdrawn rather than live.
                changed = incoming.asRevision(1, incoming.retracted() ? AlertAction.RETRACTED : AlertAction.CREATED);
                outcome = incoming.retracted() ? IngestOutcome.RETRACTED : IngestOutcome.CREATED;
            } else if (existing.retracted()) {
                return IngestOutcome.DUPLICATE;
            } else if (incoming.retracted()) {
                changed = new Alert(existing.id(), existing.source(), existing.sourceId(),
                        existing.revision() + 1, AlertAction.RETRACTED, existing.headline(), existing.summary(),
                        existing.url(), existing.category(), existing.priority(), existing.symbols(),
                        existing.publishedAt(), incoming.updatedAt(), clock.instant(), existing.test());
                outcome = IngestOutcome.RETRACTED;
            } else if (incoming.updatedAt().isAfter(existing.updatedAt()) && !sameContent(incoming, existing)) {
                changed = incoming.asRevision(existing.revision() + 1, AlertAction.UPDATED);
                outcome = IngestOutcome.UPDATED;
            } else {
                // Older, or the same story again (an upstream without timestamps looks newer each time).
                return IngestOutcome.DUPLICATE;
            }
            if (existing == null) {
                store.insert(changed);
            } else {
                store.save(changed);
            }
            // Inside the lock so that every tab sees a story's revisions in order; publish only queues.
            broadcaster.publish(changed);
        }
        return outcome;
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
    public AlertPage page(AlertQuery query, @org.jspecify.annotations.Nullable Long olderThan, int limit) {
        return store.page(query, olderThan, limit);
    }

    /** Every change from now on, in batches, on a fan-out thread; see {@link AlertBroadcaster}. */
    public Registration subscribe(Consumer<AlertBroadcaster.Delivery> listener) {
        return broadcaster.subscribe(listener);
    }
}
