package io.wirewatch.testing;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every tab (UI) the server opens, so that a test can look at what the server keeps for a tab. Add
 * it to the application's sources (a Spring bean; Vaadin asks the context for service listeners).
 */
public final class OpenTabs implements VaadinServiceInitListener {

    private final Set<UI> tabs = ConcurrentHashMap.newKeySet();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> tabs.add(init.getUI()));
    }

    /** The tabs not closed yet, of the browser session with this id (the JSESSIONID cookie). */
    public List<UI> ofSession(String httpSessionId) {
        return tabs.stream().filter(tab -> !tab.isClosing())
                .filter(tab -> httpSessionId.equals(tab.getSession().getSession().getId())).toList();
    }

    /** The tabs not closed yet. */
    public List<UI> open() {
        return tabs.stream().filter(tab -> !tab.isClosing()).toList();
    }

    /**
     * The answer Vaadin keeps for a tab in case the browser sends its last request again (empty if
     * none yet), read under the session's lock.
     */
    public static String keptAnswer(UI tab) {
        AtomicReference<String> kept = new AtomicReference<>();
        tab.getSession().accessSynchronously(() -> kept.set(tab.getInternals().getLastRequestResponse()));
        String answer = kept.get();
        return answer == null ? "" : answer;
    }
}
