package io.wirewatch.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

/** With {@code wirewatch.readers.require-login=true} the news desk asks readers to sign in. */
@SpringBootTest(properties = {"wirewatch.demo-feed.enabled=false", "wirewatch.readers.require-login=true"})
class ReaderLoginGateTest extends SpringBrowserlessTest {

    @Test
    @WithAnonymousUser
    void an_anonymous_visitor_is_sent_to_sign_in_first() {
        UI.getCurrent().navigate("");

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    @WithMockUser(username = "rita", roles = "READER")
    void a_signed_in_reader_sees_the_news() {
        UI.getCurrent().navigate("");

        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("NewsView");
    }
}
