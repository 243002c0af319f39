package io.wirewatch.feed;

import com.vaadin.flow.shared.Registration;
import io.micrometer.core.instrument.MeterRegistry;
import io.wirewatch.alert.AlertService;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Runs one {@link FeedSupervisor} per upstream (the configured ones plus local ones such as the demo
 * feed) from the moment the web server listens until the application stops, and tells listeners
 * whenever a feed's state changes.
 */
@Service
public class FeedManager implements ApplicationListener<WebServerInitializedEvent>, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedManager.class);

    private final FeedProperties properties;
    private final AlertService alerts;
    private final Clock clock;
    private final List<LocalUpstream> localUpstreams;
    private final List<FeedSupervisor> supervisors = new CopyOnWriteArrayList<>();
    private final List<ScheduledExecutorService> threads = new CopyOnWriteArrayList<>();
    private final List<Consumer<FeedStatus>> listeners = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().build();

    private final @Nullable MeterRegistry meters;
    private final FeedHistory history;
    private static final int GAPS_SHOWN = 20;
    private volatile List<FeedGap> recentGaps = List.of();
    private volatile long gapsReadNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    /** However many tabs open, the gaps table is read at most this often (and on every reconnect). */
    private static final long GAPS_MAX_AGE_NANOS = 2_000_000_000L;
    private final List<Consumer<List<FeedStatus>>> tickListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("feed-status-ticker").daemon().factory());

    public FeedManager(FeedProperties properties, AlertService alerts, Clock clock,
            List<LocalUpstream> localUpstreams, ObjectProvider<MeterRegistry> meters, FeedHistory history) {
        this.history = history;
        this.properties = properties;
        this.alerts = alerts;
        this.clock = clock;
        this.localUpstreams = localUpstreams;
        this.meters = meters.getIfAvailable();
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null || !supervisors.isEmpty()) {
            return;
        }
        List<FeedProperties.Upstream> upstreams = new ArrayList<>(properties.upstreams());
        int port = event.getWebServer().getPort();
        localUpstreams.forEach(local -> upstreams.add(local.at(port)));
        refreshGaps();
        if (upstreams.isEmpty()) {
            log.warn("No feeds configured and the demo feed is off: no alerts will arrive");
        }
        upstreams.forEach(this::start);
    }

    private void start(FeedProperties.Upstream upstream) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("feed-" + upstream.name()).daemon().factory());
        FeedProtocol protocol = switch (upstream.protocol()) {
            case WIREWATCH_JSON -> new WirewatchJsonProtocol(upstream.name());
        };
        FeedSupervisor supervisor = new FeedSupervisor(upstream, properties, protocol, alerts, http, thread,
                new ReconnectBackoff(properties.reconnectBase(), properties.reconnectCap(), new SecureRandom()),
                clock, this::statusChanged, history);
        threads.add(thread);
        supervisors.add(supervisor);
        if (meters != null) {
            FeedObservability.registerMeters(supervisor, meters, clock);
        }
        supervisor.start(history.cursor(upstream.name()).orElse(null));
    }

    /**
     * Runs on the ticker thread, not the feed's: a listener hands over to a tab's {@code ui.access},
     * which may run the tab's update right there, and a thousand tabs must not hold up a feed.
     */
    private void statusChanged(FeedStatus status) {
        try {
            ticker.execute(() -> {
                if (status.state() == FeedState.LIVE) {
                    refreshGaps();
                }
                listeners.forEach(listener -> {
                    try {
                        listener.accept(status);
                    } catch (RuntimeException failure) {
                        log.error("Feed status listener failed", failure);
                    }
                });
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            log.debug("Feed status change after shutdown: {}", status.state());
        }
    }

    private void refreshGaps() {
        try {
            gapsReadNanos = System.nanoTime();
            recentGaps = history.gapsSince(clock.instant().minus(java.time.Duration.ofDays(1)), GAPS_SHOWN);
        } catch (RuntimeException failure) {
            log.warn("Could not read feed gaps: {}", failure.toString());
        }
    }

    List<FeedSupervisor> supervisors() {
        return List.copyOf(supervisors);
    }

    Optional<FeedSupervisor> supervisor(String name) {
        return supervisors.stream().filter(supervisor -> supervisor.name().equals(name)).findFirst();
    }

    private void tick() {
        if (tickListeners.isEmpty()) {
            return;
        }
        List<FeedStatus> statuses = statuses();
        tickListeners.forEach(listener -> {
            try {
                listener.accept(statuses);
            } catch (RuntimeException failure) {
                log.error("Feed status listener failed", failure);
            }
        });
    }

    /** Every feed's full status once a second, for the admin's health panel. */
    public Registration subscribeEverySecond(Consumer<List<FeedStatus>> listener) {
        tickListeners.add(listener);
        return () -> tickListeners.remove(listener);
    }

    /** Outages no feed could replay, ended within the last day, newest first (cached, read on change). */
    public List<FeedGap> recentGaps(int limit) {
        if (System.nanoTime() - gapsReadNanos > GAPS_MAX_AGE_NANOS) {
            refreshGaps();
        }
        return recentGaps.stream().limit(limit).toList();
    }

    public List<FeedStatus> statuses() {
        return supervisors.stream().map(FeedSupervisor::status).toList();
    }

    /** Called on a feed's thread at every state change; keep it short (hand over to {@code ui.access}). */
    public Registration subscribe(Consumer<FeedStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Stops the feed clients first on shutdown, before the web server and the demo feed they talk to. */
    @Override
    public void stop() {
        supervisors.forEach(FeedSupervisor::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        supervisors.forEach(FeedSupervisor::stop);
        threads.forEach(ScheduledExecutorService::shutdownNow);
        http.shutdownNow();
    }
}
