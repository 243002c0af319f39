package io.wirewatch.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinSessionState;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ends an anonymous reader's session soon after its last tab has closed, instead of when the
 * servlet session times out (30 minutes): each session holds a Vaadin session and its state, so a
 * desk that opens and closes many tabs would otherwise keep all of them for half an hour.
 *
 * <p>When a tab's UI goes away and its session has no other open UI, the session is checked again
 * after a grace period ({@code wirewatch.readers.session-grace}, 10 s): a reload (unload, then a new
 * page in the same session) opens a new UI within that time and keeps the session. Signed-in admins are left alone, since invalidating would sign
 * them out. Also keeps the {@code wirewatch.sessions.open} gauge.
 */
@Component
class SessionReaper implements VaadinServiceInitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);

    private final AuthenticationContext authentication;
    private final Duration grace;
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-reaper").daemon().factory());

    SessionReaper(AuthenticationContext authentication, MeterRegistry meters,
            @Value("${wirewatch.readers.session-grace:10s}") Duration grace) {
        this.authentication = authentication;
        this.grace = grace;
        Gauge.builder("wirewatch.sessions.open", open, AtomicInteger::get)
                .description("Vaadin sessions (readers' browsers) currently open")
                .register(meters);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> open.incrementAndGet());
        event.getSource().addSessionDestroyListener(destroy -> open.decrementAndGet());
        event.getSource().addUIInitListener(init -> init.getUI().addDetachListener(detach -> {
            VaadinSession session = VaadinSession.getCurrent();
            if (session != null && !authentication.isAuthenticated() && hasNoOpenUi(session)) {
                scheduleCheck(session);
            }
        }));
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
        if (session.getState() != VaadinSessionState.OPEN || wrapped == null || !session.getUIs().isEmpty()) {
            return;
        }
        try {
            wrapped.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            log.debug("Session was already invalidated");
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
