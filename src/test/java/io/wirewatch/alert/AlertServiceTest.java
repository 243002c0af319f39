package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.testing.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertServiceTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T13:00:00Z");

    private ScheduledThreadPoolExecutor executor;
    private RecentAlertStore store;
    private AlertBroadcaster broadcaster;
    private AlertService service;

    @BeforeEach
    void setUp() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "alert-service-test-fanout");
            thread.setDaemon(true);
            return thread;
        });
        store = new RecentAlertStore(RecentAlertStore.DEFAULT_CAPACITY);
        broadcaster = new AlertBroadcaster(executor, AlertBroadcaster.DEFAULT_BACKLOG, Duration.ofMillis(1));
        service = new AlertService(store, broadcaster, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private static Alert story(String sourceId, Instant updatedAt, String headline) {
        return story("reuters", sourceId, updatedAt, headline, Category.MARKETS, AlertAction.CREATED);
    }

    private static Alert story(String source, String sourceId, Instant updatedAt, String headline,
            Category category, AlertAction action) {
        return Alert.received(source, sourceId, action, headline, "Summary of " + headline,
                "https://example.com/" + sourceId, category, Priority.HIGH, List.of("AAPL"), T0, updatedAt,
                updatedAt.plusSeconds(1), false);
    }

    private static Alert retraction(String sourceId, Instant updatedAt) {
        return story("reuters", sourceId, updatedAt, "Withdrawn", Category.GENERAL, AlertAction.RETRACTED);
    }

    private Alert stored(String sourceId) {
        return store.find(Alert.idOf("reuters", sourceId)).orElseThrow();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(5), what, condition);
    }

    /** Waits until every delivery the single fan-out thread had due by now has run. */
    private void drainFanout() throws Exception {
        executor.schedule(() -> null, 50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }

    // --- ingest ---------------------------------------------------------------------------------

    @Test
    void the_first_delivery_of_a_story_is_created_with_revision_1() {
        Alert incoming = story("1", T0, "Apple beats estimates");

        assertThat(service.ingest(incoming)).isEqualTo(IngestOutcome.CREATED);

        Alert stored = stored("1");
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.action()).isEqualTo(AlertAction.CREATED);
        assertThat(stored.headline()).isEqualTo("Apple beats estimates");
        assertThat(stored.id()).isEqualTo("reuters:1");
    }

    @Test
    void an_update_for_a_story_never_seen_is_stored_as_its_creation() {
        Alert incoming = story("reuters", "1", T0, "Apple beats estimates", Category.MARKETS, AlertAction.UPDATED);

        assertThat(service.ingest(incoming)).isEqualTo(IngestOutcome.CREATED);

        assertThat(stored("1").action()).isEqualTo(AlertAction.CREATED);
        assertThat(stored("1").revision()).isEqualTo(1);
    }

    @Test
    void the_same_delivery_again_is_a_duplicate_and_changes_nothing() {
        Alert incoming = story("1", T0, "Apple beats estimates");
        service.ingest(incoming);
        Alert before = stored("1");

        assertThat(service.ingest(incoming)).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(stored("1")).isSameAs(before);
    }

    @Test
    void a_delivery_with_the_same_update_time_but_other_text_is_a_duplicate() {
        service.ingest(story("1", T0, "Apple beats estimates"));

        assertThat(service.ingest(story("1", T0, "Apple misses estimates"))).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(stored("1").headline()).isEqualTo("Apple beats estimates");
    }

    @Test
    void a_newer_update_time_is_an_update_with_revision_2() {
        service.ingest(story("1", T0, "Apple beats estimates"));

        IngestOutcome outcome = service.ingest(story("1", T0.plusSeconds(60), "Apple beats estimates by 10%"));

        assertThat(outcome).isEqualTo(IngestOutcome.UPDATED);
        Alert stored = stored("1");
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.action()).isEqualTo(AlertAction.UPDATED);
        assertThat(stored.headline()).isEqualTo("Apple beats estimates by 10%");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void every_newer_update_adds_one_to_the_revision() {
        service.ingest(story("1", T0, "v1"));
        service.ingest(story("1", T0.plusSeconds(1), "v2"));
        service.ingest(story("1", T0.plusSeconds(2), "v3"));

        assertThat(stored("1").revision()).isEqualTo(3);
        assertThat(stored("1").headline()).isEqualTo("v3");
    }

    @Test
    void an_older_update_time_is_a_duplicate_and_keeps_the_newer_revision() {
        service.ingest(story("1", T0, "v1"));
        service.ingest(story("1", T0.plusSeconds(60), "v2"));

        IngestOutcome outcome = service.ingest(story("1", T0.plusSeconds(30), "late v1.5"));

        assertThat(outcome).isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(stored("1").revision()).isEqualTo(2);
        assertThat(stored("1").headline()).isEqualTo("v2");
    }

    @Test
    void a_retraction_of_a_known_story_retracts_it_as_the_next_revision_and_keeps_its_text() {
        service.ingest(story("1", T0, "Apple beats estimates"));
        service.ingest(story("1", T0.plusSeconds(60), "Apple beats estimates by 10%"));

        IngestOutcome outcome = service.ingest(retraction("1", T0.plusSeconds(120)));

        assertThat(outcome).isEqualTo(IngestOutcome.RETRACTED);
        Alert stored = stored("1");
        assertThat(stored.revision()).isEqualTo(3);
        assertThat(stored.action()).isEqualTo(AlertAction.RETRACTED);
        assertThat(stored.retracted()).isTrue();
        assertThat(stored.headline()).isEqualTo("Apple beats estimates by 10%");
        assertThat(stored.summary()).isEqualTo("Summary of Apple beats estimates by 10%");
        assertThat(stored.category()).isEqualTo(Category.MARKETS);
        assertThat(stored.priority()).isEqualTo(Priority.HIGH);
        assertThat(stored.url()).isEqualTo("https://example.com/1");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(stored.receivedAt()).as("stamped with the service clock").isEqualTo(NOW);
    }

    @Test
    void a_retraction_that_overtakes_its_story_is_kept_so_the_story_arrives_withdrawn() {
        service.ingest(story("1", T0, "Apple beats estimates"));

        assertThat(service.ingest(retraction("2", T0.plusSeconds(5)))).isEqualTo(IngestOutcome.RETRACTED);
        assertThat(stored("2").retracted()).isTrue();

        assertThat(service.ingest(story("2", T0, "The story itself, late"))).isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(stored("2").retracted()).isTrue();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void the_same_story_again_without_timestamps_is_a_duplicate_not_an_update() {
        Instant first = T0;
        Instant again = T0.plusSeconds(30);
        // No publishedAt or updatedAt from the upstream: both default to the time it arrived.
        service.ingest(Alert.received("reuters", "9", AlertAction.CREATED, "Same words", "", null, Category.WORLD,
                Priority.NORMAL, List.of(), first, null, first, false));

        assertThat(service.ingest(Alert.received("reuters", "9", AlertAction.CREATED, "Same words", "", null,
                Category.WORLD, Priority.NORMAL, List.of(), again, null, again, false)))
                .isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(stored("9").revision()).isEqualTo(1);
        assertThat(service.ingest(Alert.received("reuters", "9", AlertAction.CREATED, "Corrected words", "", null,
                Category.WORLD, Priority.NORMAL, List.of(), again, null, again, false)))
                .isEqualTo(IngestOutcome.UPDATED);
    }

    @Test
    void an_update_after_a_retraction_is_a_duplicate_and_the_story_stays_retracted() {
        service.ingest(story("1", T0, "v1"));
        service.ingest(retraction("1", T0.plusSeconds(60)));

        assertThat(service.ingest(story("1", T0.plusSeconds(3600), "v2 after all")))
                .isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(service.ingest(retraction("1", T0.plusSeconds(7200)))).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(stored("1").retracted()).isTrue();
        assertThat(stored("1").revision()).isEqualTo(2);
        assertThat(stored("1").headline()).isEqualTo("v1");
    }

    @Test
    void the_same_source_id_from_two_sources_is_two_stories() {
        service.ingest(story("reuters", "1", T0, "Reuters story", Category.MARKETS, AlertAction.CREATED));

        IngestOutcome outcome = service.ingest(story("ap", "1", T0, "AP story", Category.MARKETS,
                AlertAction.CREATED));

        assertThat(outcome).isEqualTo(IngestOutcome.CREATED);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void every_change_is_broadcast_once_and_nothing_else_is() throws Exception {
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        service.subscribe(delivery -> broadcast.addAll(delivery.alerts()));

        service.ingest(story("1", T0, "v1"));
        service.ingest(story("1", T0, "v1"));
        service.ingest(story("1", T0.plusSeconds(60), "v2"));
        service.ingest(story("1", T0.plusSeconds(30), "older"));
        service.ingest(retraction("2", T0));
        service.ingest(retraction("1", T0.plusSeconds(120)));
        service.ingest(story("1", T0.plusSeconds(180), "after retraction"));

        awaitTrue("four changes are broadcast", () -> broadcast.size() >= 4);
        drainFanout();
        assertThat(broadcast).extracting(Alert::id, Alert::revision, Alert::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reuters:1", 1, AlertAction.CREATED),
                org.assertj.core.groups.Tuple.tuple("reuters:1", 2, AlertAction.UPDATED),
                org.assertj.core.groups.Tuple.tuple("reuters:2", 1, AlertAction.RETRACTED),
                org.assertj.core.groups.Tuple.tuple("reuters:1", 3, AlertAction.RETRACTED));
        assertThat(broadcast).extracting(Alert::headline).containsExactly("v1", "v2", "Withdrawn", "v2");
    }

    // --- newest -------------------------------------------------------------------------------------

    @Test
    void newest_lists_stories_newest_first() {
        service.ingest(story("1", T0, "first"));
        service.ingest(story("2", T0, "second"));
        service.ingest(story("3", T0, "third"));

        assertThat(service.newest(AlertQuery.ALL, 10)).extracting(Alert::headline)
                .containsExactly("third", "second", "first");
    }

    @Test
    void newest_returns_at_most_the_limit() {
        for (int i = 1; i <= 5; i++) {
            service.ingest(story(String.valueOf(i), T0, "story " + i));
        }

        assertThat(service.newest(AlertQuery.ALL, 2)).extracting(Alert::headline)
                .containsExactly("story 5", "story 4");
        assertThat(service.newest(AlertQuery.ALL, 0)).isEmpty();
    }

    @Test
    void newest_returns_only_matching_stories_newest_first() {
        service.ingest(story("reuters", "1", T0, "Apple up", Category.MARKETS, AlertAction.CREATED));
        service.ingest(story("reuters", "2", T0, "Vote today", Category.POLITICS, AlertAction.CREATED));
        service.ingest(story("reuters", "3", T0, "Apple down", Category.MARKETS, AlertAction.CREATED));
        service.ingest(story("reuters", "4", T0, "Apple and the vote", Category.POLITICS, AlertAction.CREATED));
        service.ingest(story("reuters", "5", T0, "Oil flat", Category.ENERGY, AlertAction.CREATED));

        assertThat(service.newest(new AlertQuery(Set.of(Category.MARKETS), ""), 10)).extracting(Alert::headline)
                .containsExactly("Apple down", "Apple up");
        assertThat(service.newest(new AlertQuery(Set.of(), "apple"), 10)).extracting(Alert::headline)
                .containsExactly("Apple and the vote", "Apple down", "Apple up");
        assertThat(service.newest(new AlertQuery(Set.of(Category.MARKETS, Category.ENERGY), "o"), 2))
                .extracting(Alert::headline).containsExactly("Oil flat", "Apple down");
    }

    @Test
    void newest_shows_the_latest_revision_of_each_story() {
        service.ingest(story("1", T0, "v1"));
        service.ingest(story("1", T0.plusSeconds(1), "v2"));

        assertThat(service.newest(AlertQuery.ALL, 10)).singleElement()
                .satisfies(alert -> assertThat(alert.revision()).isEqualTo(2))
                .satisfies(alert -> assertThat(alert.headline()).isEqualTo("v2"));
    }

    // --- the recent store ---------------------------------------------------------------------------

    @Test
    void a_full_store_lets_the_oldest_story_go_when_a_new_one_arrives() {
        RecentAlertStore small = new RecentAlertStore(3);
        small.save(story("a", T0, "a"));
        small.save(story("b", T0, "b"));
        small.save(story("c", T0, "c"));

        small.save(story("d", T0, "d"));

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.find("reuters:a")).isEmpty();
        assertThat(small.newest(AlertQuery.ALL, 10)).extracting(Alert::headline).containsExactly("d", "c", "b");
    }

    @Test
    void a_revision_keeps_its_story_place_in_the_store() {
        RecentAlertStore small = new RecentAlertStore(3);
        small.save(story("a", T0, "a"));
        small.save(story("b", T0, "b"));
        small.save(story("c", T0, "c"));

        small.save(story("a", T0.plusSeconds(1), "a2").asRevision(2, AlertAction.UPDATED));

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.newest(AlertQuery.ALL, 10)).extracting(Alert::headline).containsExactly("c", "b", "a2");
        small.save(story("d", T0, "d"));
        assertThat(small.find("reuters:a")).as("still the oldest story, so the first to leave").isEmpty();
        assertThat(small.newest(AlertQuery.ALL, 10)).extracting(Alert::headline).containsExactly("d", "c", "b");
    }

    @Test
    void a_retraction_of_an_evicted_story_is_kept_as_withdrawn() {
        AlertService smallService = new AlertService(new RecentAlertStore(2), broadcaster,
                Clock.fixed(NOW, ZoneOffset.UTC));
        smallService.ingest(story("a", T0, "a"));
        smallService.ingest(story("b", T0, "b"));
        smallService.ingest(story("c", T0, "c"));

        assertThat(smallService.ingest(retraction("a", T0.plusSeconds(1)))).isEqualTo(IngestOutcome.RETRACTED);
        assertThat(smallService.newest(AlertQuery.ALL, 10)).extracting(Alert::headline, Alert::retracted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Withdrawn", true),
                        org.assertj.core.groups.Tuple.tuple("c", false));
    }

    @Test
    void a_store_needs_a_positive_capacity() {
        assertThatThrownBy(() -> new RecentAlertStore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecentAlertStore(1).size()).isZero();
    }
}
