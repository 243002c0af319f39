package io.wirewatch.alert;

/** What {@link AlertService#ingest} (or {@link AlertService#ingestAll}) did with one delivered alert. */
public enum IngestOutcome {
    /** A new story, stored and broadcast. */
    CREATED,
    /** A newer revision of a known story, stored and broadcast. */
    UPDATED,
    /** A story withdrawn by its source, stored and broadcast as retracted (kept even if it came first). */
    RETRACTED,
    /** The same or an older revision again, or news about a retracted story: nothing changes. */
    DUPLICATE
}
