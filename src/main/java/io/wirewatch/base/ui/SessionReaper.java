package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinSessionState;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.communication.PushConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Ends what a reader's browser left behind (tabs that vanished without saying goodbye, and the
 * session once its last tab has gone), and tells the tabs that remain that their push connection
 * still works.
 *
 * <p><b>Visits.</b> Every keep-alive interval ({@link PushWatchdog}, 15 s), or every heartbeat
 * interval if that is shorter, each session is visited (a tenth of them at a time, spread over the
 * interval). A tab that Vaadin no longer counts as active
 * ({@link VaadinService#isUIActive}: closing, or 3.1 heartbeat intervals without a heartbeat) is
 * closed and removed, as Vaadin does at the end of a request; every other tab is sent a keep-alive,
 * which leaves with the push that ends the visit.
 *
 * <p><b>Vanished tabs.</b> A tab that crashed, lost its network or was put to sleep sends no unload
 * beacon, and its heartbeats stop. Vaadin closes such a tab only at the end of a request to the same
 * session, and a browser that is gone sends none: its tab would stay subscribed to the alerts (each
 * one still costing a delivery) until the servlet session times out, half an hour later.
 *
 * <p><b>Sessions.</b> When a tab's UI goes away and its session has no other open UI, the session
 * is checked again after a grace period ({@code wirewatch.readers.session-grace}, 10 s): a reload
 * (unload, then a new page in the same session) opens a new UI within that time and keeps the
 * session. Otherwise it is ended, instead of when the servlet session times out: each holds a Vaadin
 * session and its state. Signed-in admins are left alone, since ending the session would sign them
 * out. Also keeps the {@code wirewatch.sessions.open} gauge.
 */
@Component
class SessionReaper implements VaadinServiceInitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);

    /**
     * The sessions are visited a slice at a time, each slice in its own part of the interval: the
     * keep-alives of thousands of tabs, sent all at once, would hold up the alerts pushed at that
     * moment by as long as they take (about 100 ms of CPU per thousand tabs).
     */
    private static final int SLICES = 10;

    private final Duration grace;
    private final Duration keepAlive;
    private final Set<VaadinSession> sessions = ConcurrentHashMap.newKeySet();
    /** The latest visit of each session: a session still busy with one is not given another. */
    private final Map<VaadinSession, Future<Void>> visits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-reaper").daemon().factory());

    SessionReaper(MeterRegistry meters, PushWatchdog watchdog,
            @Value("${wirewatch.readers.session-grace:10s}") Duration grace) {
        this.grace = grace;
        this.keepAlive = watchdog.keepAlive();
        Gauge.builder("wirewatch.sessions.open", sessions, Set::size)
                .description("Vaadin sessions (readers' browsers) currently open")
                .register(meters);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        VaadinService service = event.getSource();
        service.addSessionInitListener(init -> sessions.add(init.getSession()));
        service.addSessionDestroyListener(destroy -> {
            sessions.remove(destroy.getSession());
            visits.remove(destroy.getSession());
        });
        service.addUIInitListener(init -> init.getUI().addDetachListener(detach -> {
            VaadinSession session = VaadinSession.getCurrent();
            if (session != null && hasNoOpenUi(session)) {
                scheduleCheck(session);
            }
        }));
        int heartbeatSeconds = service.getDeploymentConfiguration().getHeartbeatInterval();
        long every = heartbeatSeconds > 0 ? Math.min(keepAlive.toMillis(), heartbeatSeconds * 1_000L) : keepAlive.toMillis();
        long tick = Math.max(1, every / SLICES);
        AtomicLong ticks = new AtomicLong();
        checks.scheduleAtFixedRate(() -> visitSlice(service, (int) (ticks.getAndIncrement() % SLICES)), tick, tick,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Each session is visited on a virtual thread of its own: the session's lock is released at the
     * end, which pushes whatever its other tabs have pending, and a push to a tab that stopped
     * reading may wait (see {@link PushConfiguration}).
     */
    private void visitSlice(VaadinService service, int slice) {
        try {
            // A visit recorded just after its session ended would otherwise keep the session.
            visits.keySet().retainAll(sessions);
            for (VaadinSession session : sessions) {
                Future<Void> last = visits.get(session);
                if (Math.floorMod(System.identityHashCode(session), SLICES) != slice || last != null && !last.isDone()) {
                    continue;
                }
                Thread.ofVirtual().name("tab-sweep").start(
                        () -> visits.put(session, session.access(() -> visit(service, session))));
            }
        } catch (RuntimeException unexpected) {
            // Never let one failure end the schedule: no tab would be swept or kept alive again.
            log.error("Sweep of open tabs failed", unexpected);
        }
    }

    /** Runs with the session locked; each UI is closed as the current one, as Vaadin does. */
    private static void visit(VaadinService service, VaadinSession session) {
        for (UI ui : List.copyOf(session.getUIs())) {
            if (!service.isUIActive(ui)) {
                log.debug("Closing tab {}: no heartbeat for too long", ui.getUIId());
                ui.accessSynchronously(() -> {
                    if (!ui.isClosing()) {
                        ui.close();
                    }
                    session.removeUI(ui);
                });
            } else if (ui.getInternals().getPushConnection() instanceof PushConnection push && push.isConnected()) {
                // Not queued for a tab without a push connection: it would only pile up there.
                PushWatchdog.sendKeepAlive(ui);
            }
        }
    }

    private static boolean hasNoOpenUi(VaadinSession session) {
        return session.getUIs().stream().allMatch(ui -> ui.isClosing() || !ui.isAttached());
    }

    private void scheduleCheck(VaadinSession session) {
        try {
            checks.schedule(() -> session.access(() -> endIfStillUnused(session)), grace.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The application is stopping; the servlet container ends every session anyway.
        }
    }

    /** Runs with the session locked, outside any request of it. */
    private static void endIfStillUnused(VaadinSession session) {
        WrappedSession wrapped = session.getSession();
        if (session.getState() != VaadinSessionState.OPEN || wrapped == null || !session.getUIs().isEmpty()
                || signedIn(wrapped)) {
            return;
        }
        try {
            wrapped.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            log.debug("Session was already invalidated");
        }
    }

    /**
     * Read from the session, where Spring Security keeps who signed in: this runs on no request's
     * thread, so there is no current user to ask.
     */
    static boolean signedIn(WrappedSession session) {
        Object stored;
        try {
            stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException alreadyInvalid) {
            return false;
        }
        Authentication user = stored instanceof SecurityContext context ? context.getAuthentication() : null;
        return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
