package io.wirewatch.admin;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertService;
import io.wirewatch.security.AdminProperties;
import io.wirewatch.security.Roles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * What an admin may do to the stream: send a test alert through the same ingest path as the feeds,
 * and retract one. Every method needs {@link Roles#ADMIN} here too, not only on the view, and every
 * action is audited and rate-limited per admin, whether it came from the form or the API.
 */
@Service
public class TestAlertService {

    /**
     * Method security by {@code @PreAuthorize}, not {@code @RolesAllowed}: enabling JSR-250 method
     * security would also proxy the Vaadin views that carry {@code @RolesAllowed} for navigation.
     */
    static final String ADMIN_ONLY = "hasRole('" + Roles.ADMIN + "')";

    private static final Logger log = LoggerFactory.getLogger(TestAlertService.class);
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final AlertService alerts;
    private final AuditTrail audit;
    private final Clock clock;
    private final int perMinute;
    private final Map<String, ArrayDeque<Instant>> recentActions = new HashMap<>();

    public TestAlertService(AlertService alerts, AuditTrail audit, AdminProperties properties, Clock clock) {
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.perMinute = properties.injectionsPerMinute();
    }

    /** Validates, sends and audits a test alert; {@code channel} says where it came from ("form", "api"). */
    @PreAuthorize(ADMIN_ONLY)
    public Alert inject(TestAlertDraft draft, String channel) {
        Map<String, String> problems = draft.problems();
        if (!problems.isEmpty()) {
            throw new InvalidDraftException(problems);
        }
        String actor = actor();
        takeAction(actor);
        Instant now = clock.instant();
        Alert alert = draft.toAlert(UUID.randomUUID().toString(), now);
        alerts.ingest(alert);
        audit.record(new AuditEntry(now, actor, AuditEntry.Action.INJECTED, alert.id(), alert.headline(), channel));
        log.info("Admin '{}' injected test alert {} via {}", actor, alert.id(), channel);
        return alert;
    }

    /**
     * Withdraws a test alert: every tab shows it struck through. Real feed alerts are the feed's to
     * retract ({@link NotATestAlertException}); an unknown id is a {@link NoSuchElementException}.
     */
    @PreAuthorize(ADMIN_ONLY)
    public Alert retract(String alertId, String channel) {
        Alert existing = alerts.find(alertId).orElseThrow(() -> new NoSuchElementException("No alert " + alertId));
        if (!existing.test()) {
            throw new NotATestAlertException(alertId);
        }
        if (existing.retracted()) {
            return existing;
        }
        String actor = actor();
        takeAction(actor);
        alerts.retract(alertId);
        audit.record(new AuditEntry(clock.instant(), actor, AuditEntry.Action.RETRACTED, alertId,
                existing.headline(), channel));
        log.info("Admin '{}' retracted test alert {} via {}", actor, alertId, channel);
        return alerts.find(alertId).orElse(existing);
    }

    @PreAuthorize(ADMIN_ONLY)
    public List<AuditEntry> auditTrail(int limit) {
        return audit.newest(limit);
    }

    /** The newest test alerts still in the store, newest first. */
    @PreAuthorize(ADMIN_ONLY)
    public List<Alert> recentTestAlerts(int limit) {
        return alerts.newestTestAlerts(limit);
    }

    private synchronized void takeAction(String actor) {
        Instant now = clock.instant();
        ArrayDeque<Instant> times = recentActions.computeIfAbsent(actor, ignored -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(RATE_WINDOW))) {
            times.pollFirst();
        }
        if (times.size() >= perMinute) {
            throw new RateLimitExceededException(perMinute);
        }
        times.addLast(now);
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "unknown" : authentication.getName();
    }
}
