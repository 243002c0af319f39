package io.wirewatch.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.wirewatch.security.ReaderProperties;
import org.springframework.stereotype.Component;

/**
 * With {@code wirewatch.readers.require-login=true}, every view asks anonymous visitors to sign in
 * first; by default readers stay anonymous and this does nothing.
 */
@Component
class ReaderLoginGate implements VaadinServiceInitListener {

    private final ReaderProperties readers;
    private final AuthenticationContext authentication;

    ReaderLoginGate(ReaderProperties readers, AuthenticationContext authentication) {
        this.readers = readers;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!readers.requireLogin()) {
            return;
        }
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(navigation -> {
            if (navigation.getNavigationTarget() != LoginView.class && !authentication.isAuthenticated()) {
                navigation.rerouteTo(LoginView.class);
            }
        }));
    }
}
