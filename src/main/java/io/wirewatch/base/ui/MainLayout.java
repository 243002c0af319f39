package io.wirewatch.base.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The frame around every view: the brand, one link per menu entry the user may open (so admins see
 * "Admin"), and signing in or out.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends Div implements RouterLayout {

    private final Div content = new Div();

    MainLayout(AuthenticationContext authentication) {
        addClassName("main-layout");
        Anchor brand = new Anchor("", "Wirewatch");
        brand.addClassName("brand");
        Span tagline = new Span("live news alerts");
        tagline.addClassName("tagline");

        Nav nav = new Nav();
        nav.addClassName("main-nav");
        nav.setAriaLabel("Main");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.add(new Anchor(entry.path(), entry.title())));
        if (authentication.isAuthenticated()) {
            Span user = new Span(authentication.getPrincipalName().orElse(""));
            user.addClassName("user");
            Button signOut = new Button("Sign out", click -> authentication.logout());
            signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            nav.add(user, signOut);
        } else {
            Anchor signIn = new Anchor("login", "Sign in");
            signIn.addClassName("sign-in");
            nav.add(signIn);
        }

        Header header = new Header(brand, tagline, nav);
        header.addClassName("app-header");
        content.addClassName("app-content");
        add(header, content);
    }

    @Override
    public void showRouterLayoutContent(HasElement view) {
        content.getElement().removeAllChildren();
        content.getElement().appendChild(Objects.requireNonNull(view).getElement());
    }

    @Override
    public void removeRouterLayoutContent(@Nullable HasElement oldContent) {
        content.getElement().removeAllChildren();
    }
}
