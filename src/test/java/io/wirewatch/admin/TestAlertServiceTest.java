package io.wirewatch.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

/** The service checks the admin role itself, so no UI or API bug can reach the broadcast. */
@SpringBootTest(properties = {"wirewatch.demo-feed.enabled=false", "wirewatch.admin.injections-per-minute=4"})
class TestAlertServiceTest {

    @Autowired
    TestAlertService testAlerts;

    @Autowired
    AlertService alerts;

    @Autowired
    AuditTrail audit;

    private static TestAlertDraft draft(String headline) {
        return new TestAlertDraft(headline, "Summary", "markets", Priority.HIGH, "https://wire.example/t");
    }

    @Test
    void injecting_without_signing_in_is_refused_and_nothing_is_broadcast() {
        long before = alerts.newest(io.wirewatch.alert.AlertQuery.ALL, 1_000).size();

        assertThatThrownBy(() -> testAlerts.inject(draft("No one signed in"), "test"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(alerts.newest(io.wirewatch.alert.AlertQuery.ALL, 1_000)).hasSize((int) before);
    }

    @Test
    @WithMockUser(username = "rita", roles = "READER")
    void a_reader_cannot_inject_retract_or_read_the_audit() {
        assertThatThrownBy(() -> testAlerts.inject(draft("Reader tries"), "test"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> testAlerts.retract("admin:x", "test")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> testAlerts.auditTrail(10)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_injects_through_the_ingest_path_and_the_audit_records_who_what_and_how() {
        Alert sent = testAlerts.inject(draft("Admin test alert"), "form");

        assertThat(sent.test()).isTrue();
        assertThat(sent.category()).isEqualTo(Category.MARKETS);
        assertThat(alerts.find(sent.id())).contains(sent.asRevision(1, sent.action()));
        assertThat(audit.newest(10)).first().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ada");
            assertThat(entry.action()).isEqualTo(AuditEntry.Action.INJECTED);
            assertThat(entry.alertId()).isEqualTo(sent.id());
            assertThat(entry.headline()).isEqualTo("Admin test alert");
            assertThat(entry.channel()).isEqualTo("form");
        });

        Alert retracted = testAlerts.retract(sent.id(), "form");
        assertThat(retracted.retracted()).isTrue();
        assertThat(audit.newest(1)).first().extracting(AuditEntry::action).isEqualTo(AuditEntry.Action.RETRACTED);
    }

    @Test
    @WithMockUser(username = "bob", roles = "ADMIN")
    void an_invalid_draft_is_refused_with_each_problem_named() {
        assertThatThrownBy(() -> testAlerts.inject(new TestAlertDraft(" ", "", "!!", Priority.LOW, "ftp://x"), "form"))
                .isInstanceOfSatisfying(InvalidDraftException.class, invalid -> assertThat(invalid.problems())
                        .containsOnlyKeys("headline", "category", "url"));
    }

    @Test
    @WithMockUser(username = "cara", roles = "ADMIN")
    void an_admin_past_the_rate_limit_is_refused_until_the_minute_is_over() {
        for (int i = 0; i < 4; i++) {
            testAlerts.inject(draft("Rate " + i), "api");
        }
        assertThatThrownBy(() -> testAlerts.inject(draft("One too many"), "api"))
                .isInstanceOf(RateLimitExceededException.class)
                .hasMessageContaining("At most 4");
    }
}
