package io.wirewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a browser and an operator's monitoring see over HTTP: headers, health, metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=true",
        "wirewatch.demo-feed.interval=200ms"})
class SecurityHeadersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ADMIN = "watch";
    private static final String ADMIN_PASSWORD = "watch-" + UUID.randomUUID();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        registry.add("wirewatch.admin.users[0].username", () -> ADMIN);
        registry.add("wirewatch.admin.users[0].password-hash", () -> new BCryptPasswordEncoder().encode(ADMIN_PASSWORD));
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path, @Nullable String username, @Nullable String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (username != null && password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new AssertionError("GET " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private HttpResponse<String> anonymous(String path) {
        return get(path, null, null);
    }

    private HttpResponse<String> asAdmin(String path) {
        return get(path, ADMIN, ADMIN_PASSWORD);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    // --- browser-facing headers ---------------------------------------------------------------------

    /**
     * Vaadin's bootstrap page is written by the Vaadin servlet; the headers must be written eagerly
     * to reach it (a defect found by this test, fixed in SecurityConfig).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/login"})
    void the_news_page_and_the_login_page_carry_the_security_headers(String path) {
        HttpResponse<String> response = anonymous(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.headers().map().toString())
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/styles.css", "/admin", "/api/admin/alerts", "/actuator/health"})
    void responses_outside_the_vaadin_bootstrap_page_carry_the_security_headers(String path) {
        HttpResponse<String> response = anonymous(path);

        assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.headers().map().toString())
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    // --- health -------------------------------------------------------------------------------------

    @Test
    void anyone_sees_the_health_status_but_no_details() {
        HttpResponse<String> response = anonymous("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json(response);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.has("components")).as(response.body()).isFalse();
        assertThat(health.has("details")).as(response.body()).isFalse();
        assertThat(response.body()).doesNotContain("feeds", "demo");
    }

    @Test
    void an_admin_sees_the_demo_feed_up_in_the_health_details() {
        JsonNode health = Poll.until(WAIT, "the demo feed is UP in /actuator/health",
                () -> json(asAdmin("/actuator/health")),
                body -> "UP".equals(body.path("components").path("feeds").path("components").path("demo")
                        .path("status").asString(null)));

        JsonNode demo = health.path("components").path("feeds").path("components").path("demo");
        assertThat(demo.path("details").path("state").asString()).isEqualTo("live");
        assertThat(health.path("components").path("feeds").path("status").asString()).isEqualTo("UP");
    }

    // --- metrics ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/prometheus"})
    void metrics_need_an_admin(String path) {
        HttpResponse<String> anonymous = anonymous(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("wirewatch");

        HttpResponse<String> wrongPassword = get(path, ADMIN, "not-the-password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<String> admin = asAdmin(path);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("wirewatch");
    }

    @Test
    void the_demo_feed_counts_the_alerts_it_received() {
        JsonNode metric = Poll.until(WAIT, "alerts received from the demo feed",
                () -> json(asAdmin("/actuator/metrics/wirewatch.feed.alerts.received?tag=feed:demo")),
                body -> body.path("measurements").path(0).path("value").asDouble(0) > 0);

        assertThat(metric.path("name").asString()).isEqualTo("wirewatch.feed.alerts.received");
        assertThat(metric.path("measurements").path(0).path("value").asDouble()).isGreaterThan(0);
    }

    @Test
    void ingest_outcomes_are_a_metric() {
        HttpResponse<String> response = asAdmin("/actuator/metrics/wirewatch.alerts.ingested");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metric = json(response);
        assertThat(metric.path("name").asString()).isEqualTo("wirewatch.alerts.ingested");
        assertThat(metric.path("availableTags").toString()).contains("outcome", "created");
    }

    @Test
    void prometheus_exports_the_feed_state() {
        HttpResponse<String> response = asAdmin("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("wirewatch_feed_state").contains("feed=\"demo\"");
    }

    // --- what is not served -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"})
    void endpoints_that_leak_internals_are_not_served_even_to_an_admin(String path) {
        HttpResponse<String> response = asAdmin(path);

        assertThat(response.statusCode()).as(path + " answered " + response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("propertySources", "\"beans\"", "activeProfiles");
    }

    @Test
    void the_h2_console_is_not_served() {
        HttpResponse<String> anonymous = anonymous("/h2-console");
        HttpResponse<String> admin = asAdmin("/h2-console");

        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(admin.statusCode()).isNotEqualTo(200);
        assertThat(admin.body()).doesNotContainIgnoringCase("h2 console");
    }
}
