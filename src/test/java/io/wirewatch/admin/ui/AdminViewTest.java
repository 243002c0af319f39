package io.wirewatch.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import io.wirewatch.admin.AuditEntry;
import io.wirewatch.admin.AuditTrail;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Priority;
import io.wirewatch.alert.ui.AlertCard;
import io.wirewatch.security.ui.LoginView;
import io.wirewatch.testing.CardDom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

@SpringBootTest(properties = "wirewatch.demo-feed.enabled=false")
class AdminViewTest extends SpringBrowserlessTest {

    @Autowired
    AlertService alerts;

    @Autowired
    AuditTrail audit;

    @Test
    @WithAnonymousUser
    void an_anonymous_visitor_is_sent_to_the_sign_in_page() {
        navigate("admin", LoginView.class);

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    @WithMockUser(username = "rita", roles = "READER")
    void a_signed_in_reader_cannot_open_the_admin_desk() {
        UI.getCurrent().navigate("admin");

        assertThat(getCurrentView()).isNotInstanceOf(AdminView.class);
        assertThat(find(AdminView.class).exists()).isFalse();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_opens_the_desk_and_sees_feed_health() {
        AdminView view = navigate(AdminView.class);

        assertThat(view.health.isAttached()).isTrue();
        assertThat(find(Button.class).withText("Send test alert").exists()).isTrue();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void the_form_shows_the_models_limits_as_messages() {
        AdminView view = navigate(AdminView.class);
        TestAlertForm form = view.form;

        test(form.headline).setValue("x".repeat(301));
        test(form.url).setValue("javascript:alert(1)");
        test(form.send).click();

        assertThat(form.headline.isInvalid()).isTrue();
        assertThat(form.headline.getErrorMessage()).isEqualTo("A headline has at most 300 characters");
        assertThat(form.url.isInvalid()).isTrue();
        assertThat(form.url.getErrorMessage()).isEqualTo("A link must be an http:// or https:// address");

        test(form.headline).setValue("");
        test(form.send).click();
        assertThat(form.headline.getErrorMessage()).isEqualTo("A headline is required");
        assertThat(find(Notification.class).exists()).isFalse();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void the_preview_is_the_card_readers_get_and_sending_names_the_alert() {
        AdminView view = navigate(AdminView.class);
        TestAlertForm form = view.form;
        test(form.headline).setValue("Preview matches: Port Avery ferry suspended");
        test(form.summary).setValue("Crossings halted until noon.");
        test(form.category).selectItem("Weather");
        test(form.priority).selectItem("Breaking");
        test(form.url).setValue("https://wire.example/ferry");

        AlertCard preview = form.previewCard().orElseThrow();
        test(form.send).click();

        Alert stored = alerts.newest(AlertQuery.ALL, 500).stream()
                .filter(alert -> alert.headline().equals("Preview matches: Port Avery ferry suspended"))
                .findFirst().orElseThrow();
        AlertCard readersCard = new AlertCard(stored, Instant.now());
        assertThat(CardDom.texts(preview)).isEqualTo(CardDom.texts(readersCard));
        assertThat(CardDom.texts(readersCard)).contains("Breaking|badge priority|null", "Weather|category|null",
                "Test|badge test|null", "Preview matches: Port Avery ferry suspended|null|https://wire.example/ferry",
                "Crossings halted until noon.|summary|null");
        assertThat(stored.test()).isTrue();
        assertThat(stored.priority()).isEqualTo(Priority.BREAKING);
        assertThat(test(find(Notification.class).last()).getText())
                .isEqualTo("Sent test alert “Preview matches: Port Avery ferry suspended” to every open tab");
        assertThat(form.headline.getValue()).isEmpty();
        assertThat(audit.newest(1)).first().extracting(AuditEntry::headline)
                .isEqualTo("Preview matches: Port Avery ferry suspended");
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_retracts_a_test_alert_from_the_list() {
        AdminView view = navigate(AdminView.class);
        test(view.form.headline).setValue("To be retracted from the desk");
        test(view.form.send).click();
        Alert sent = alerts.newest(AlertQuery.ALL, 500).stream()
                .filter(alert -> alert.headline().equals("To be retracted from the desk")).findFirst().orElseThrow();

        var rows = test(view.sent);
        int row = rowOf(rows, sent.id());
        test((Button) rows.getCellComponent(row, 4)).click();

        assertThat(alerts.find(sent.id())).hasValueSatisfying(alert -> assertThat(alert.retracted()).isTrue());
        assertThat(test(find(Notification.class).last()).getText()).isEqualTo("Retracted “To be retracted from the desk”");
        int after = rowOf(test(view.sent), sent.id());
        assertThat(test(view.sent).getCellText(after, 3)).isEqualTo("Retracted");
        assertThat(((Button) test(view.sent).getCellComponent(after, 4)).isEnabled()).isFalse();
    }

    private static int rowOf(com.vaadin.flow.component.grid.GridTester<?, Alert> grid, String id) {
        for (int row = 0; row < grid.size(); row++) {
            if (grid.getRow(row).id().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + id);
    }
}
