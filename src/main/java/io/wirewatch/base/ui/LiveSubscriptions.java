package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live subscriptions a view holds while attached. Views take them in {@code onAttach} with
 * {@link #replace} (Vaadin may detach and re-attach a view on resync, so a view never holds two
 * sets) and give them back in {@code onDetach} with {@link #removeAll}. Callbacks reach the view
 * through {@link #access}, never on the publisher's thread.
 */
public final class LiveSubscriptions {

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

    /** Runs the task in the UI's session, pushed to the browser; does nothing if the tab is gone. */
    public static void access(UI ui, Runnable task) {
        try {
            ui.access(task::run);
        } catch (UIDetachedException closed) {
            // The tab went away between the event and now; its subscriptions are being removed.
        }
    }
}
