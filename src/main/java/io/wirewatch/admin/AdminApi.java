package io.wirewatch.admin;

import io.wirewatch.alert.Alert;
import io.wirewatch.alert.Priority;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin HTTP API for scripts and pipelines: {@code POST /api/admin/alerts} sends a test alert,
 * {@code DELETE /api/admin/alerts/{id}} retracts one. HTTP Basic with an admin account; the same
 * validation, audit and rate limit as the form.
 */
@RestController
@RequestMapping("/api/admin/alerts")
class AdminApi {

    static final String CHANNEL = "api";

    private final TestAlertService testAlerts;

    AdminApi(TestAlertService testAlerts) {
        this.testAlerts = testAlerts;
    }

    /** The JSON body: like the form; {@code priority} is low, normal, high or breaking (default normal). */
    record TestAlertRequest(@Nullable String headline, @Nullable String summary, @Nullable String category,
            @Nullable String priority, @Nullable String url) {
    }

    /** The alert as the API shows it: category and priority as the same keys the request uses. */
    record AlertResponse(String id, int revision, String action, String headline, String summary,
            @Nullable String url, String category, String priority, Instant publishedAt, boolean test) {

        static AlertResponse of(Alert alert) {
            return new AlertResponse(alert.id(), alert.revision(), alert.action().name().toLowerCase(Locale.ROOT),
                    alert.headline(), alert.summary(), alert.url(), alert.category().key(), alert.priority().key(),
                    alert.publishedAt(), alert.test());
        }
    }

    @PostMapping
    ResponseEntity<AlertResponse> inject(@RequestBody TestAlertRequest request) {
        Priority priority = request.priority() == null ? Priority.NORMAL
                : Priority.parse(request.priority()).orElse(null);
        TestAlertDraft draft = new TestAlertDraft(request.headline(), request.summary(), request.category(),
                priority, request.url());
        if (priority == null) {
            Map<String, String> problems = new LinkedHashMap<>(draft.problems());
            problems.put("priority", "Priority is one of low, normal, high, breaking");
            throw new InvalidDraftException(problems);
        }
        Alert alert = testAlerts.inject(draft, CHANNEL);
        return ResponseEntity.created(URI.create("/api/admin/alerts/" + alert.id())).body(AlertResponse.of(alert));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> retract(@PathVariable String id) {
        testAlerts.retract(id, CHANNEL);
        return ResponseEntity.noContent().build();
    }

    record ErrorBody(int status, String message, Map<String, String> errors) {
    }

    @ExceptionHandler(InvalidDraftException.class)
    ResponseEntity<ErrorBody> invalid(InvalidDraftException invalid) {
        return error(HttpStatus.BAD_REQUEST, "The test alert has problems", invalid.problems());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException unreadable) {
        return error(HttpStatus.BAD_REQUEST, "The body must be a JSON object with text fields", Map.of());
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ErrorBody> tooMany(RateLimitExceededException tooMany) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60")
                .body(new ErrorBody(429, tooMany.getMessage(), Map.of()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ErrorBody> unknown(NoSuchElementException unknown) {
        return error(HttpStatus.NOT_FOUND, "No such alert", Map.of());
    }

    @ExceptionHandler(NotATestAlertException.class)
    ResponseEntity<ErrorBody> notTest(NotATestAlertException notTest) {
        return error(HttpStatus.CONFLICT, "Only test alerts can be retracted through the admin API", Map.of());
    }

    private static ResponseEntity<ErrorBody> error(HttpStatus status, String message, Map<String, String> errors) {
        return ResponseEntity.status(status).body(new ErrorBody(status.value(), message, errors));
    }
}
