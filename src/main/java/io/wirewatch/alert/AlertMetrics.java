package io.wirewatch.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/** Ingest outcomes and fan-out figures as Micrometer meters. */
final class AlertMetrics implements MeterBinder {

    private final AlertService alerts;
    private final AlertBroadcaster broadcaster;

    AlertMetrics(AlertService alerts, AlertBroadcaster broadcaster) {
        this.alerts = alerts;
        this.broadcaster = broadcaster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (IngestOutcome outcome : IngestOutcome.values()) {
            FunctionCounter.builder("wirewatch.alerts.ingested", alerts, service -> service.ingestCount(outcome))
                    .description("Alert deliveries by what ingest did with them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("wirewatch.fanout.subscribers", broadcaster, AlertBroadcaster::subscriberCount)
                .description("Open tabs subscribed to live alerts").register(registry);
        FunctionCounter.builder("wirewatch.fanout.dropped", broadcaster, AlertBroadcaster::droppedCount)
                .description("Alerts dropped from full per-tab backlogs").register(registry);
    }
}
