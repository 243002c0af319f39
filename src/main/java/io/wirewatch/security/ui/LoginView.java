package io.wirewatch.security.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Sign-in for admins (and readers, where reading needs an account). Posts to Spring Security. */
@Route("login")
@PageTitle("Sign in · Wirewatch")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    static final String FAILURE_MESSAGE = "The user name or password is not right, or there were too many "
            + "attempts. Check them and try again in a minute.";

    private final LoginForm login = new LoginForm();

    LoginView() {
        addClassName("login-view");
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in to Wirewatch");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage(FAILURE_MESSAGE);
        login.setI18n(i18n);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
