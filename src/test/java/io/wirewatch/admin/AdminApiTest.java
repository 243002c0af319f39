package io.wirewatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.AlertService;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.alert.ui.AlertCard;
import io.wirewatch.testing.CardDom;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin HTTP API and form login over real HTTP on loopback.
 *
 * <p>Budget: "ops" may take 5 actions a minute here, and the tests that inject or retract as "ops"
 * take exactly 5 together (201, markup, retract = 2, audit). Refusals (400, 404, 409) are not actions.
 * Failed sign-ins stay far below the per-address budget of 30 and below 5 per real account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.admin.injections-per-minute=5"})
class AdminApiTest {

    private static final String OPS_PASSWORD = "ops-" + UUID.randomUUID();
    private static final String BURST_PASSWORD = "burst-" + UUID.randomUUID();
    private static final String LOCKY_PASSWORD = "locky-" + UUID.randomUUID();
    private static final String READER_PASSWORD = "reader-" + UUID.randomUUID();
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        registry.add("wirewatch.admin.users[0].username", () -> "ops");
        registry.add("wirewatch.admin.users[0].password-hash", () -> bcrypt.encode(OPS_PASSWORD));
        registry.add("wirewatch.admin.users[1].username", () -> "burst");
        registry.add("wirewatch.admin.users[1].password-hash", () -> bcrypt.encode(BURST_PASSWORD));
        registry.add("wirewatch.admin.users[2].username", () -> "locky");
        registry.add("wirewatch.admin.users[2].password-hash", () -> bcrypt.encode(LOCKY_PASSWORD));
        registry.add("wirewatch.readers.users[0].username", () -> "reader");
        registry.add("wirewatch.readers.users[0].password-hash", () -> bcrypt.encode(READER_PASSWORD));
    }

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AuditTrail audit;

    // --- HTTP helpers -------------------------------------------------------------------------------

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(@Nullable String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/admin/alerts"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> postAs(String username, String password, String body) {
        return post(basic(username, password), body);
    }

    private HttpResponse<String> deleteAs(String username, String password, String id) {
        return send(HttpRequest.newBuilder(uri("/api/admin/alerts/" + id))
                .header("Authorization", basic(username, password))
                .header("Accept", "application/json")
                .DELETE().build());
    }

    private HttpResponse<String> formLogin(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new AssertionError("request failed: " + request, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static String draft(String headline, String summary, String category, String priority,
            @Nullable String url) {
        var body = JSON.createObjectNode()
                .put("headline", headline)
                .put("summary", summary)
                .put("category", category)
                .put("priority", priority);
        if (url != null) {
            body.put("url", url);
        }
        return JSON.writeValueAsString(body);
    }

    private static String validDraft(String headline) {
        return draft(headline, "Only a test", "markets", "high", "https://example.com/test");
    }

    private Alert injectAsOps(String headline) {
        HttpResponse<String> created = postAs("ops", OPS_PASSWORD, validDraft(headline));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return alerts.find(json(created).path("id").asString()).orElseThrow();
    }

    // --- who may use the API ------------------------------------------------------------------------

    @Test
    void without_credentials_the_api_answers_401_in_json() {
        HttpResponse<String> response = post(null, validDraft("No credentials"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"wirewatch\"");
        JsonNode body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("message").asString()).isNotBlank();
    }

    @Test
    void a_wrong_password_is_401() {
        HttpResponse<String> response = postAs("ops", "not-the-password", validDraft("Wrong password"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void an_unknown_user_gets_exactly_the_answer_a_wrong_password_gets() {
        HttpResponse<String> wrongPassword = postAs("ops", "not-the-password", validDraft("Guess"));
        HttpResponse<String> unknownUser = postAs("nobody-" + UUID.randomUUID(), "not-the-password",
                validDraft("Guess"));

        assertThat(unknownUser.statusCode()).isEqualTo(401).isEqualTo(wrongPassword.statusCode());
        assertThat(unknownUser.body()).isNotBlank().isEqualTo(wrongPassword.body());
        assertThat(unknownUser.headers().firstValue("WWW-Authenticate"))
                .isEqualTo(wrongPassword.headers().firstValue("WWW-Authenticate"));
        assertThat(unknownUser.headers().firstValue("Content-Type"))
                .isEqualTo(wrongPassword.headers().firstValue("Content-Type"));
    }

    @Test
    void a_reader_account_is_forbidden() {
        HttpResponse<String> response = postAs("reader", READER_PASSWORD, validDraft("Reader tries"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("status").asInt()).isEqualTo(403);
        assertThat(alerts.newest(AlertQuery.ALL, 100)).extracting(Alert::headline)
                .doesNotContain("Reader tries");
    }

    @Test
    void five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_too() {
        for (int i = 0; i < 5; i++) {
            assertThat(postAs("locky", "wrong-" + i, validDraft("Locked out")).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> right = postAs("locky", LOCKY_PASSWORD, validDraft("Locked out"));

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(json(right).path("status").asInt()).isEqualTo(401);
        assertThat(alerts.newest(AlertQuery.ALL, 100)).extracting(Alert::headline)
                .doesNotContain("Locked out");
    }

    // --- sending test alerts ------------------------------------------------------------------------

    @Test
    void a_valid_test_alert_is_created_with_its_location_and_marked_as_test() {
        HttpResponse<String> response = postAs("ops", OPS_PASSWORD, validDraft("Valid test alert"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode alert = json(response);
        String id = alert.path("id").asString();
        assertThat(id).startsWith("admin:");
        assertThat(alert.path("test").asBoolean()).isTrue();
        assertThat(alert.path("headline").asString()).isEqualTo("Valid test alert");
        assertThat(alert.path("category").asString()).isEqualTo("markets");
        assertThat(alert.path("priority").asString()).isEqualTo("high");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/admin/alerts/" + id));
        assertThat(alerts.find(id)).hasValueSatisfying(stored -> {
            assertThat(stored.test()).isTrue();
            assertThat(stored.priority()).isEqualTo(Priority.HIGH);
            assertThat(stored.category()).isEqualTo(Category.MARKETS);
            assertThat(stored.url()).isEqualTo("https://example.com/test");
        });
    }

    static Stream<Arguments> invalidDrafts() {
        return Stream.of(
                Arguments.of("a blank headline", draft("   ", "s", "markets", "normal", null), "headline"),
                Arguments.of("a 301-character headline", draft("h".repeat(301), "s", "markets", "normal", null),
                        "headline"),
                Arguments.of("a javascript: link", draft("Headline", "s", "markets", "normal",
                        "javascript:alert(1)"), "url"),
                Arguments.of("a malformed category", draft("Headline", "s", "!!!", "normal", null), "category"),
                Arguments.of("an unknown priority", draft("Headline", "s", "markets", "urgent", null), "priority"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDrafts")
    void an_invalid_test_alert_is_refused_with_400_naming_the_field(String what, String body, String field) {
        HttpResponse<String> response = postAs("ops", OPS_PASSWORD, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json(response).path("errors");
        assertThat(errors.propertyNames()).containsExactly(field);
        assertThat(errors.path(field).asString()).isNotBlank();
    }

    @Test
    void a_body_that_is_not_json_is_refused_with_400() {
        HttpResponse<String> response = postAs("ops", OPS_PASSWORD, "{\"headline\": \"unterminated");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("status").asInt()).isEqualTo(400);
    }

    @Test
    void markup_in_a_test_alert_is_stored_and_shown_as_literal_text() {
        HttpResponse<String> response = postAs("ops", OPS_PASSWORD,
                draft(MARKUP, MARKUP, "world", "normal", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Alert stored = alerts.find(json(response).path("id").asString()).orElseThrow();
        assertThat(stored.headline()).isEqualTo(MARKUP);
        assertThat(stored.summary()).isEqualTo(MARKUP);

        // A plain component: no UI or session is needed to build it. Parsed as a browser would.
        org.jsoup.nodes.Element card = CardDom.article(new AlertCard(stored, Instant.now()));
        assertThat(card.select("h3.headline")).singleElement().satisfies(headline -> {
            assertThat(headline.wholeText()).isEqualTo(MARKUP);
            assertThat(headline.childNodeSize()).as("one text node, no <img> element").isEqualTo(1);
            assertThat(headline.childNode(0)).isInstanceOf(org.jsoup.nodes.TextNode.class);
        });
        assertThat(card.select("p.summary")).singleElement()
                .satisfies(summary -> assertThat(summary.wholeText()).isEqualTo(MARKUP));
        assertThat(card.select("img, script")).isEmpty();
    }

    // --- retracting ---------------------------------------------------------------------------------

    @Test
    void deleting_an_injected_alert_retracts_it_and_is_audited() {
        Alert injected = injectAsOps("To be retracted");

        HttpResponse<String> response = deleteAs("ops", OPS_PASSWORD, injected.id());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(alerts.find(injected.id())).hasValueSatisfying(
                stored -> assertThat(stored.retracted()).isTrue());
        assertThat(audit.newest(1_000)).anySatisfy(entry -> {
            assertThat(entry.alertId()).isEqualTo(injected.id());
            assertThat(entry.action()).isEqualTo(AuditEntry.Action.RETRACTED);
            assertThat(entry.actor()).isEqualTo("ops");
            assertThat(entry.channel()).isEqualTo("api");
        });
    }

    @Test
    void deleting_an_unknown_alert_is_404() {
        HttpResponse<String> response = deleteAs("ops", OPS_PASSWORD, "admin:" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void deleting_an_alert_from_a_real_feed_is_409_and_leaves_it_standing() {
        Instant now = Instant.now();
        Alert real = Alert.received("wire", "real-" + UUID.randomUUID(), AlertAction.CREATED, "A real story",
                "From a feed", null, Category.WORLD, Priority.NORMAL, List.of(), now, null, now, false);
        alerts.ingest(real);

        HttpResponse<String> response = deleteAs("ops", OPS_PASSWORD, real.id());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("status").asInt()).isEqualTo(409);
        assertThat(alerts.find(real.id())).hasValueSatisfying(stored -> assertThat(stored.retracted()).isFalse());
    }

    // --- limits and audit ---------------------------------------------------------------------------

    @Test
    void the_sixth_action_within_a_minute_is_429_with_retry_after() {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> allowed = postAs("burst", BURST_PASSWORD, validDraft("Burst " + i));
            assertThat(allowed.statusCode()).as("action %d: %s", i, allowed.body()).isEqualTo(201);
        }

        HttpResponse<String> sixth = postAs("burst", BURST_PASSWORD, validDraft("Burst 6"));

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(json(sixth).path("status").asInt()).isEqualTo(429);
        assertThat(alerts.newest(AlertQuery.ALL, 1000)).extracting(Alert::headline)
                .doesNotContain("Burst 6");
    }

    @Test
    void the_audit_trail_records_who_sent_which_alert_through_the_api() {
        Alert injected = injectAsOps("Audited alert");

        assertThat(audit.newest(1_000)).anySatisfy(entry -> {
            assertThat(entry.alertId()).isEqualTo(injected.id());
            assertThat(entry.actor()).isEqualTo("ops");
            assertThat(entry.action()).isEqualTo(AuditEntry.Action.INJECTED);
            assertThat(entry.channel()).isEqualTo("api");
            assertThat(entry.headline()).isEqualTo("Audited alert");
        });
    }

    // --- form login ---------------------------------------------------------------------------------

    @Test
    void form_login_answers_an_unknown_user_and_a_wrong_password_alike() {
        // No CSRF token is sent: Vaadin's configurer exempts the login page's POST.
        HttpResponse<String> unknownUser = formLogin("nobody-" + UUID.randomUUID(), "not-the-password");
        HttpResponse<String> wrongPassword = formLogin("ops", "not-the-password");

        assertThat(unknownUser.statusCode()).isEqualTo(302).isEqualTo(wrongPassword.statusCode());
        assertThat(unknownUser.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        assertThat(unknownUser.headers().firstValue("Location"))
                .isEqualTo(wrongPassword.headers().firstValue("Location"));
    }

    @Test
    void form_login_with_the_right_admin_password_redirects_away_from_the_login_page() {
        HttpResponse<String> response = formLogin("ops", OPS_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> {
            assertThat(location).doesNotContain("/login");
            assertThat(location).startsWith("http://127.0.0.1:" + port + "/");
        });
        assertThat(response.headers().allValues("Set-Cookie")).as("a signed-in session")
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
    }
}
