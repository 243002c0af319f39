package io.wirewatch.feed;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Feed health for operators: Micrometer meters per feed (tag {@code feed}, plus {@code reason} or
 * {@code state}) and one Actuator health indicator per feed, DOWN once a feed has not been live for
 * longer than the grace period.
 */
final class FeedObservability {

    private FeedObservability() {
    }

    static void registerMeters(FeedSupervisor feed, MeterRegistry registry, Clock clock) {
        String name = feed.name();
        FunctionCounter.builder("wirewatch.feed.alerts.received", feed, FeedSupervisor::receivedCount)
                .description("Alerts decoded from the feed").tag("feed", name).register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("wirewatch.feed.frames.rejected", feed, f -> f.rejectedCount(reason))
                    .description("Frames or items dropped, by reason").tag("feed", name)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("wirewatch.feed.reconnects", feed, FeedSupervisor::reconnectCount)
                .description("Connections lost and retried").tag("feed", name).register(registry);
        for (FeedState state : FeedState.values()) {
            Gauge.builder("wirewatch.feed.state", feed, f -> f.state() == state ? 1 : 0)
                    .description("1 for the state the feed is in").tag("feed", name)
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        TimeGauge.builder("wirewatch.feed.last.message.age", feed, TimeUnit.MILLISECONDS, f -> {
            Instant last = f.lastMessageAt();
            return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis();
        }).description("Time since the last frame").tag("feed", name).register(registry);
    }

    /** One indicator per running feed, looked up when asked: feeds start after the context. */
    static CompositeHealthContributor healthOf(FeedManager feeds, Duration grace, Clock clock) {
        return new CompositeHealthContributor() {
            @Override
            public HealthContributor getContributor(String name) {
                return feeds.supervisor(name).map(feed -> indicator(feed, grace, clock)).orElse(null);
            }

            @Override
            public Stream<HealthContributors.Entry> stream() {
                return feeds.supervisors().stream()
                        .map(feed -> new HealthContributors.Entry(feed.name(), indicator(feed, grace, clock)));
            }
        };
    }

    static HealthIndicator indicator(FeedSupervisor feed, Duration grace, Clock clock) {
        return () -> {
            FeedState state = feed.state();
            Duration inState = Duration.between(feed.stateSince(), clock.instant());
            boolean healthy = state == FeedState.LIVE || (state != FeedState.DOWN && inState.compareTo(grace) <= 0);
            Health.Builder health = healthy ? Health.up() : Health.down();
            health.withDetail("state", state.name().toLowerCase(Locale.ROOT))
                    .withDetail("inStateSeconds", inState.toSeconds())
                    .withDetail("received", feed.receivedCount())
                    .withDetail("reconnects", feed.reconnectCount());
            Instant last = feed.lastMessageAt();
            if (last != null) {
                health.withDetail("lastMessageAt", last.toString());
            }
            return health.build();
        };
    }
}
