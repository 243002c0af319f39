package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live subscriptions a view holds while attached. Views take them in {@code onAttach} with
 * {@link #replace} (Vaadin may detach and re-attach a view on resync, so a view never holds two
 * sets) and give them back in {@code onDetach} with {@link #removeAll}. Callbacks reach the view
 * through {@link #access}, never on the publisher's thread.
 */
public final class LiveSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);

    private final List<Registration> registrations = new ArrayList<>();

    /** Drops whatever is held and holds these instead. */
    public void replace(Registration... taken) {
        removeAll();
        registrations.addAll(List.of(taken));
    }

    public void removeAll() {
        registrations.forEach(Registration::remove);
        registrations.clear();
    }

    /**
     * Runs the task in the UI's session, pushed to the browser; does nothing if the tab is gone. The
     * caller is a thread many tabs share (the feed status ticker, the history pool), and a push is
     * written on the thread that runs it (see {@link PushConfiguration}): so it runs on a virtual
     * thread of its own, and a tab that stopped reading holds up nobody else.
     */
    public static void access(UI ui, Runnable task) {
        Thread.ofVirtual().name("tab-access").start(() -> {
            try {
                ui.access(task::run);
            } catch (UIDetachedException closed) {
                // The tab went away between the event and now; its subscriptions are being removed.
            }
        });
    }

    /**
     * Like {@link #access}, but returns only once the task has run (or the tab is gone, or
     * {@code patience} has passed). {@code ui.access} alone never waits: while the tab's session is
     * busy (a request being handled, a long task), every further batch would pile up in the
     * session's unbounded access queue. Waiting here keeps them in the publisher's own bounded
     * backlog instead, where the oldest are dropped and counted. When the session is free, the
     * task and its push run on the calling thread, and the push is written there too (see
     * {@link PushConfiguration}), so a tab that stops reading holds up this call rather than
     * letting pushes pile up. Call it on a thread that may block, never while holding another
     * session's lock.
     */
    public static void accessAndWait(UI ui, Runnable task, Duration patience) {
        Future<Void> done;
        try {
            done = ui.access(task::run);
        } catch (UIDetachedException closed) {
            return;
        }
        try {
            done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof UIDetachedException)) {
                log.error("A live update failed in its tab", failed.getCause());
            }
        } catch (TimeoutException stuck) {
            // Still queued: the tab's session has been busy for the whole patience. Stop waiting
            // so this thread is not held forever by a session that may never be unlocked again.
            log.debug("Tab {} did not take a live update within {}", ui.getUIId(), patience);
        }
    }
}
