package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.testing.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        broadcaster = new AlertBroadcaster(executor, 200, Duration.ofMillis(1));
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

    // --- ingestAll ----------------------------------------------------------------------------------

    /** The memory store, noting every round trip, and failing every batch while told to. */
    private static final class CountingStore implements AlertStore {

        final RecentAlertStore stored = new RecentAlertStore(100);
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public Optional<Alert> find(String id) {
            calls.add("find");
            return stored.find(id);
        }

        @Override
        public Map<String, Alert> findAll(Collection<String> ids) {
            calls.add("findAll " + ids.stream().distinct().count());
            return stored.findAll(ids);
        }

        @Override
        public void save(Alert alert) {
            calls.add("save");
            stored.save(alert);
        }

        @Override
        public void saveAll(List<Write> writes) {
            if (failing) {
                throw new IllegalStateException("database unavailable");
            }
            calls.add("saveAll " + writes.size());
            stored.saveAll(writes);
        }

        @Override
        public AlertPage page(AlertQuery query, Long olderThan, int limit) {
            return stored.page(query, olderThan, limit);
        }

        @Override
        public List<Alert> newestTestAlerts(int limit) {
            return stored.newestTestAlerts(limit);
        }

        @Override
        public int deleteExpired(Instant cutoff, Instant testCutoff, long keepAtMost) {
            return stored.deleteExpired(cutoff, testCutoff, keepAtMost);
        }
    }

    @Test
    void a_batch_applies_every_rule_to_each_alert_and_returns_the_outcomes_in_order() throws Exception {
        service.ingest(story("known", T0, "Known v1"));
        service.ingest(story("doomed", T0, "Doomed story"));
        service.ingest(story("same", T0, "Same again"));
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        service.subscribe(delivery -> broadcast.addAll(delivery.alerts()));

        List<IngestOutcome> outcomes = service.ingestAll(List.of(
                story("new", T0, "A new story"),
                story("known", T0.plusSeconds(60), "Known v2"),
                retraction("doomed", T0.plusSeconds(60)),
                story("same", T0, "Same again"),
                retraction("early", T0.plusSeconds(5)),
                story("early", T0, "Overtaken by its retraction")));

        assertThat(outcomes).containsExactly(IngestOutcome.CREATED, IngestOutcome.UPDATED, IngestOutcome.RETRACTED,
                IngestOutcome.DUPLICATE, IngestOutcome.RETRACTED, IngestOutcome.DUPLICATE);
        assertThat(stored("new")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(1, AlertAction.CREATED, "A new story");
        assertThat(stored("known")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(2, AlertAction.UPDATED, "Known v2");
        assertThat(stored("doomed")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(2, AlertAction.RETRACTED, "Doomed story");
        assertThat(stored("same")).extracting(Alert::revision, Alert::action)
                .containsExactly(1, AlertAction.CREATED);
        assertThat(stored("early")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(1, AlertAction.RETRACTED, "Withdrawn");
        assertThat(service.newest(AlertQuery.ALL, 10)).extracting(Alert::id).containsExactly(
                "reuters:early", "reuters:new", "reuters:same", "reuters:doomed", "reuters:known");
        assertThat(service.ingestCount(IngestOutcome.CREATED)).isEqualTo(4);
        assertThat(service.ingestCount(IngestOutcome.DUPLICATE)).isEqualTo(2);

        awaitTrue("four changes are broadcast", () -> broadcast.size() >= 4);
        drainFanout();
        assertThat(broadcast).extracting(Alert::id, Alert::revision, Alert::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reuters:new", 1, AlertAction.CREATED),
                org.assertj.core.groups.Tuple.tuple("reuters:known", 2, AlertAction.UPDATED),
                org.assertj.core.groups.Tuple.tuple("reuters:doomed", 2, AlertAction.RETRACTED),
                org.assertj.core.groups.Tuple.tuple("reuters:early", 1, AlertAction.RETRACTED));
    }

    @Test
    void a_story_twice_in_one_batch_is_weighed_against_its_first_delivery_as_if_stored() throws Exception {
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        service.subscribe(delivery -> broadcast.addAll(delivery.alerts()));

        List<IngestOutcome> outcomes = service.ingestAll(List.of(
                story("1", T0, "v1"),
                story("1", T0, "v1"),
                story("1", T0.plusSeconds(60), "v2"),
                story("1", T0.plusSeconds(30), "older"),
                retraction("1", T0.plusSeconds(120)),
                story("1", T0.plusSeconds(180), "after retraction")));

        assertThat(outcomes).containsExactly(IngestOutcome.CREATED, IngestOutcome.DUPLICATE, IngestOutcome.UPDATED,
                IngestOutcome.DUPLICATE, IngestOutcome.RETRACTED, IngestOutcome.DUPLICATE);
        assertThat(store.size()).isEqualTo(1);
        assertThat(stored("1")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(3, AlertAction.RETRACTED, "v2");
        awaitTrue("three changes are broadcast", () -> broadcast.size() >= 3);
        drainFanout();
        assertThat(broadcast).extracting(Alert::revision, Alert::action, Alert::headline).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, AlertAction.CREATED, "v1"),
                org.assertj.core.groups.Tuple.tuple(2, AlertAction.UPDATED, "v2"),
                org.assertj.core.groups.Tuple.tuple(3, AlertAction.RETRACTED, "v2"));
    }

    @Test
    void a_retraction_ahead_of_its_story_in_one_batch_keeps_the_story_withdrawn() {
        List<IngestOutcome> outcomes = service.ingestAll(List.of(
                retraction("1", T0.plusSeconds(5)),
                story("1", T0, "The story itself, right behind")));

        assertThat(outcomes).containsExactly(IngestOutcome.RETRACTED, IngestOutcome.DUPLICATE);
        assertThat(stored("1").retracted()).isTrue();
        assertThat(stored("1").revision()).isEqualTo(1);
    }

    @Test
    void a_batch_is_looked_up_in_one_go_and_stored_in_one_go() {
        CountingStore counting = new CountingStore();
        AlertService batched = new AlertService(counting, broadcaster, Clock.fixed(NOW, ZoneOffset.UTC));
        batched.ingest(story("1", T0, "v1"));
        assertThat(counting.calls).containsExactly("findAll 1", "saveAll 1");
        counting.calls.clear();

        batched.ingestAll(List.of(story("1", T0.plusSeconds(1), "v2"), story("2", T0, "two"),
                story("2", T0, "two"), story("3", T0, "three")));

        assertThat(counting.calls).containsExactly("findAll 3", "saveAll 3");
        counting.calls.clear();
        assertThat(batched.ingestAll(List.of(story("2", T0, "two"), story("3", T0, "three"))))
                .containsExactly(IngestOutcome.DUPLICATE, IngestOutcome.DUPLICATE);
        assertThat(counting.calls).as("nothing to store").containsExactly("findAll 2");
        counting.calls.clear();
        assertThat(batched.ingestAll(List.of())).isEmpty();
        assertThat(counting.calls).isEmpty();
    }

    @Test
    void a_batch_that_cannot_be_stored_changes_and_broadcasts_nothing_and_can_come_again() throws Exception {
        CountingStore counting = new CountingStore();
        AlertService batched = new AlertService(counting, broadcaster, Clock.fixed(NOW, ZoneOffset.UTC));
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        batched.subscribe(delivery -> broadcast.addAll(delivery.alerts()));
        List<Alert> frame = List.of(story("1", T0, "one"), story("2", T0, "two"),
                story("1", T0.plusSeconds(1), "one, corrected"));
        counting.failing = true;

        assertThatThrownBy(() -> batched.ingestAll(frame)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database unavailable");

        assertThat(counting.stored.size()).isZero();
        assertThat(batched.ingestCount(IngestOutcome.CREATED)).isZero();
        counting.failing = false;
        assertThat(batched.ingestAll(frame))
                .containsExactly(IngestOutcome.CREATED, IngestOutcome.CREATED, IngestOutcome.UPDATED);
        awaitTrue("the batch is broadcast once it is stored", () -> broadcast.size() >= 3);
        drainFanout();
        assertThat(broadcast).extracting(Alert::id, Alert::revision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reuters:1", 1),
                org.assertj.core.groups.Tuple.tuple("reuters:2", 1),
                org.assertj.core.groups.Tuple.tuple("reuters:1", 2));
        assertThat(batched.ingestCount(IngestOutcome.CREATED)).isEqualTo(2);
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
    void the_recent_store_saves_a_batch_in_order_and_finds_stories_by_id() {
        RecentAlertStore small = new RecentAlertStore(10);
        small.save(story("a", T0, "a"));

        small.saveAll(List.of(new AlertStore.Write(story("b", T0, "b"), true),
                new AlertStore.Write(story("a", T0.plusSeconds(1), "a2").asRevision(2, AlertAction.UPDATED), false),
                new AlertStore.Write(story("c", T0, "c"), true)));

        assertThat(small.newest(AlertQuery.ALL, 10)).extracting(Alert::headline).containsExactly("c", "b", "a2");
        assertThat(small.findAll(List.of("reuters:a", "reuters:c", "reuters:unknown")))
                .containsOnlyKeys("reuters:a", "reuters:c")
                .hasEntrySatisfying("reuters:a", alert -> assertThat(alert.revision()).isEqualTo(2));
        assertThat(small.findAll(List.of())).isEmpty();
    }

    @Test
    void a_store_needs_a_positive_capacity() {
        assertThatThrownBy(() -> new RecentAlertStore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecentAlertStore(1).size()).isZero();
    }
}
