package io.wirewatch.admin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.wirewatch.admin.AuditEntry;
import io.wirewatch.admin.InvalidDraftException;
import io.wirewatch.admin.RateLimitExceededException;
import io.wirewatch.admin.TestAlertService;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertService;
import io.wirewatch.base.ui.LiveSubscriptions;
import io.wirewatch.feed.FeedManager;
import io.wirewatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The admin desk: send and retract test alerts, see every feed's health and the audit trail. Open
 * to {@link Roles#ADMIN} only; the service checks the role again.
 */
@Route("admin")
@PageTitle("Admin · Wirewatch")
@Menu(title = "Admin", order = 1)
@RolesAllowed(Roles.ADMIN)
class AdminView extends Main {

    static final String CHANNEL = "form";
    private static final int LIST_LIMIT = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("UTC"));

    private final TestAlertService testAlerts;
    private final AlertService alerts;
    private final FeedManager feeds;
    private final Clock clock;

    final TestAlertForm form;
    final FeedHealthPanel health = new FeedHealthPanel();
    final Grid<Alert> sent = new Grid<>();
    final Grid<AuditEntry> audit = new Grid<>();
    private final LiveSubscriptions subscriptions = new LiveSubscriptions();

    AdminView(TestAlertService testAlerts, AlertService alerts, FeedManager feeds, Clock clock) {
        this.testAlerts = testAlerts;
        this.alerts = alerts;
        this.feeds = feeds;
        this.clock = clock;
        this.form = new TestAlertForm(clock);
        addClassName("admin-view");

        form.addSendListener(event -> send(event.draft()));

        sent.addColumn(alert -> TIME.format(alert.receivedAt())).setHeader("Sent (UTC)").setAutoWidth(true).setFlexGrow(0);
        sent.addColumn(Alert::headline).setHeader("Headline").setFlexGrow(1);
        sent.addColumn(alert -> alert.category().label()).setHeader("Category").setAutoWidth(true).setFlexGrow(0);
        sent.addColumn(alert -> alert.retracted() ? "Retracted" : "Live").setHeader("Status").setAutoWidth(true)
                .setFlexGrow(0);
        sent.addComponentColumn(this::retractButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        sent.setAllRowsVisible(true);
        sent.setEmptyStateText("No test alerts yet.");

        audit.addColumn(entry -> TIME.format(entry.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(entry -> entry.action().name().toLowerCase(java.util.Locale.ROOT)).setHeader("Did")
                .setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(AuditEntry::headline).setHeader("Alert").setFlexGrow(1);
        audit.addColumn(AuditEntry::channel).setHeader("Via").setAutoWidth(true).setFlexGrow(0);
        audit.setAllRowsVisible(true);
        audit.setEmptyStateText("Nothing has been done yet.");

        Div top = new Div(section("Send a test alert", form), section("Feed health", health));
        top.addClassName("admin-top");
        add(new H2("Admin desk"), top, section("Test alerts", sent), section("Audit trail", audit));
        refreshLists();
    }

    private static Section section(String title, com.vaadin.flow.component.Component content) {
        Section section = new Section(new com.vaadin.flow.component.html.H3(title), content);
        section.addClassName("admin-section");
        return section;
    }

    private Button retractButton(Alert alert) {
        Button retract = new Button("Retract", click -> retract(alert));
        retract.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        retract.setEnabled(!alert.retracted());
        retract.setAriaLabel("Retract " + alert.headline());
        return retract;
    }

    private void send(io.wirewatch.admin.TestAlertDraft draft) {
        try {
            Alert alert = testAlerts.inject(draft, CHANNEL);
            notify("Sent test alert “" + alert.headline() + "” to every open tab", NotificationVariant.LUMO_SUCCESS);
            form.clearText();
        } catch (RateLimitExceededException | InvalidDraftException refused) {
            notify(refused.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refreshLists();
    }

    private void retract(Alert alert) {
        try {
            testAlerts.retract(alert.id(), CHANNEL);
            notify("Retracted “" + alert.headline() + "”", NotificationVariant.LUMO_CONTRAST);
        } catch (RateLimitExceededException refused) {
            notify(refused.getMessage(), NotificationVariant.LUMO_ERROR);
        } catch (java.util.NoSuchElementException expired) {
            notify("“" + alert.headline() + "” is no longer stored (retention removed it)", NotificationVariant.LUMO_CONTRAST);
        }
        refreshLists();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification notification = Notification.show(text, 5_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }

    private void refreshLists() {
        sent.setItems(testAlerts.recentTestAlerts(LIST_LIMIT));
        audit.setItems(testAlerts.auditTrail(LIST_LIMIT));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscriptions.replace(
                // Test alerts sent or retracted elsewhere (the API, another admin) show up here too.
                alerts.subscribe(delivery -> {
                    if (delivery.alerts().stream().anyMatch(Alert::test)) {
                        LiveSubscriptions.access(ui, this::refreshLists);
                    }
                }),
                feeds.subscribeEverySecond(statuses ->
                        LiveSubscriptions.access(ui, () -> health.show(statuses, clock.instant()))));
        health.show(feeds.statuses(), clock.instant());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscriptions.removeAll();
    }

}
