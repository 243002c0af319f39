package io.wirewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.testing.Databases;
import io.wirewatch.testing.Poll;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link JdbcAlertStore} on both engines it runs on, H2 and a real PostgreSQL, each test on a
 * database of its own migrated by Flyway. Ingest behaviour goes through a real {@link AlertService}.
 */
class JdbcAlertStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.000001Z");

    private final List<ScheduledThreadPoolExecutor> executors = new ArrayList<>();

    @AfterEach
    void shutDownExecutors() throws InterruptedException {
        for (ScheduledThreadPoolExecutor executor : executors) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A store and the service in front of it, on a fresh migrated database. */
    private record Desk(JdbcClient jdbc, JdbcAlertStore store, AlertService service) {

        long rows() {
            return jdbc.sql("select count(*) from alert").query(Long.class).single();
        }

        Alert stored(String id) {
            return store.find(id).orElseThrow();
        }

        Instant firstSeen(String id) {
            return jdbc.sql("select first_seen_at from alert where id = :id").param("id", id)
                    .query(OffsetDateTime.class).single().toInstant();
        }

        /** Every page of the query from the newest on, checking each cursor on the way. */
        List<AlertPage> allPages(AlertQuery query, int limit) {
            List<AlertPage> pages = new ArrayList<>();
            Long olderThan = null;
            do {
                AlertPage page = store.page(query, olderThan, limit);
                pages.add(page);
                assertThat(pages).as("paging ends").hasSizeLessThan(1_000);
                olderThan = page.olderThan();
            } while (olderThan != null);
            return pages;
        }
    }

    private Desk desk(Databases database) {
        return desk(database.migrated());
    }

    private Desk desk(DataSource dataSource) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jdbc-alert-store-test-fanout");
            thread.setDaemon(true);
            return thread;
        });
        executors.add(executor);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcAlertStore store = new JdbcAlertStore(dataSource);
        AlertService service = new AlertService(store,
                new AlertBroadcaster(executor, 200, Duration.ofMillis(10)), Clock.fixed(NOW, ZoneOffset.UTC));
        return new Desk(jdbc, store, service);
    }

    private static Alert story(String sourceId, Instant updatedAt, String headline) {
        return story(sourceId, updatedAt, headline, AlertAction.CREATED);
    }

    private static Alert story(String sourceId, Instant updatedAt, String headline, AlertAction action) {
        return Alert.received("reuters", sourceId, action, headline, "Summary of " + headline,
                "https://example.com/" + sourceId, Category.MARKETS, Priority.HIGH, List.of("AAPL"), T0, updatedAt,
                updatedAt.plusSeconds(1), false);
    }

    /** Story {@code n} of a numbered run: arrives n seconds after T0, in the given category. */
    private static Alert numbered(int n, Category category) {
        return Alert.received("reuters", String.format("%04d", n), AlertAction.CREATED, "Story " + n,
                "Filler text for story " + n, null, category, Priority.NORMAL, List.of(), T0, T0,
                T0.plusSeconds(n), false);
    }

    private static String idOf(int n) {
        return Alert.idOf("reuters", String.format("%04d", n));
    }

    /** A story first seen (received) at the given time. */
    private static Alert receivedAt(String sourceId, Instant receivedAt, boolean test) {
        return Alert.received(test ? "admin-test" : "reuters", sourceId, AlertAction.CREATED, "Story " + sourceId,
                "", null, Category.GENERAL, Priority.NORMAL, List.of(), receivedAt, receivedAt, receivedAt, test);
    }

    private static List<String> ids(List<AlertPage> pages) {
        return pages.stream().flatMap(page -> page.alerts().stream()).map(Alert::id).toList();
    }

    private static List<String> idsNewestFirst(IntStream numbers) {
        return numbers.boxed().sorted((a, b) -> Integer.compare(b, a)).map(JdbcAlertStoreTest::idOf).toList();
    }

    // --- schema ---------------------------------------------------------------------------------

    private static long tablesNamed(JdbcClient jdbc, List<String> names) {
        return jdbc.sql("select count(*) from information_schema.tables"
                        + " where lower(table_schema) = 'public' and lower(table_name) in (:names)")
                .param("names", names).query(Long.class).single();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void migration_builds_the_schema_from_an_empty_database(Databases database) {
        DataSource dataSource = database.empty();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> tables = List.of("alert", "audit_entry", "feed_cursor", "feed_gap");
        assertThat(tablesNamed(jdbc, tables)).as("tables before migrating").isZero();

        MigrateResult result = Databases.migrate(dataSource);

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(result.targetSchemaVersion).isEqualTo("3");
        assertThat(tablesNamed(jdbc, tables)).isEqualTo(4);
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        assertThat(flyway.info().applied()).extracting(migration -> migration.getVersion().getVersion())
                .containsExactly("1", "2", "3");
        assertThat(Databases.migrate(dataSource).migrationsExecuted).as("a second migrate has nothing to do").isZero();
    }

    /** The alert table's indexes, by lower-case name, each with its columns in order. */
    private static Map<String, List<String>> alertIndexes(DataSource dataSource) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
            for (String table : List.of("alert", "ALERT")) {
                try (ResultSet rows = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (rows.next()) {
                        if (rows.getString("INDEX_NAME") != null) {
                            indexes.computeIfAbsent(rows.getString("INDEX_NAME").toLowerCase(Locale.ROOT),
                                    name -> new ArrayList<>()).add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return indexes;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void every_index_on_alerts_is_one_a_query_uses(Databases database) throws SQLException {
        Map<String, List<String>> indexes = alertIndexes(database.migrated());

        assertThat(indexes.values()).as("no second unique index beside the id's")
                .doesNotContain(List.of("source", "source_id")).contains(List.of("id"), List.of("position"));
        assertThat(indexes).containsEntry("alert_category_position", List.of("category", "position"));
        if (database == Databases.POSTGRESQL) {
            // Retention's delete reads it there; H2 scans the table for that delete either way.
            assertThat(indexes).containsEntry("alert_first_seen", List.of("first_seen_at"));
        } else {
            assertThat(indexes).doesNotContainKey("alert_first_seen");
        }
    }

    /** A row as written by hand, bypassing {@link Alert}'s own check that the id is source:sourceId. */
    private static int insertRow(JdbcClient jdbc, String id, String source, String sourceId) {
        return jdbc.sql("""
                        insert into alert (id, source, source_id, first_seen_at, revision, action, headline, summary,
                          category, priority, symbols, published_at, updated_at, received_at, test)
                        values (:id, :source, :sourceId, :at, 1, 'CREATED', 'h', 's', 'general', 'NORMAL', '', :at, :at,
                          :at, false)""")
                .param("id", id).param("source", source).param("sourceId", sourceId)
                .param("at", JdbcAlertStore.utc(T0)).update();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void the_table_holds_one_row_per_story_by_id_and_by_source_and_source_id(Databases database) {
        JdbcClient jdbc = JdbcClient.create(database.migrated());
        assertThat(insertRow(jdbc, "reuters:1", "reuters", "1")).isEqualTo(1);

        // The same story again, however it is written, is refused by the database itself.
        assertThatThrownBy(() -> insertRow(jdbc, "reuters:1", "reuters", "1"))
                .isInstanceOf(DataIntegrityViolationException.class);
        // An id that is not source:sourceId is refused, so one id is always one (source, sourceId).
        assertThatThrownBy(() -> insertRow(jdbc, "reuters:2", "reuters", "1"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertRow(jdbc, "reuters:1", "reuters", "2"))
                .isInstanceOf(DataIntegrityViolationException.class);
        // Two stories whose source and sourceId run together into one id are one story to Wirewatch
        // (it looks stories up by id): the second cannot be stored beside the first.
        assertThat(insertRow(jdbc, "a:b:c", "a:b", "c")).isEqualTo(1);
        assertThatThrownBy(() -> insertRow(jdbc, "a:b:c", "a", "b:c"))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void the_embedded_postgresql_listens_on_loopback_only() throws Exception {
        JdbcClient jdbc = JdbcClient.create(Databases.postgres().getPostgresDatabase());

        assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("localhost");
        String serverAddress = jdbc.sql("select host(inet_server_addr())").query(String.class).single();
        assertThat(InetAddress.getByName(serverAddress).isLoopbackAddress()).as(serverAddress).isTrue();
    }

    // --- round trip -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_saved_alert_is_found_with_every_field_as_it_was(Databases database) {
        Desk desk = desk(database);
        String longSummary = "Ünïcödé ✓ ".repeat(500);
        assertThat(longSummary).hasSize(Alert.SUMMARY_MAX);
        Alert bare = new Alert("reuters:bare-1", "reuters", "bare-1", 1, AlertAction.CREATED,
                "Zürich, 東京 and São Paulo: «markets» 'rally' \"again\" — 🚀", longSummary, null,
                Category.WORLD, Priority.LOW, List.of(),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2025-03-01T12:00:00.000001Z"),
                Instant.parse("2025-03-01T12:00:00.123456Z"), false);
        Alert full = new Alert("admin-test:full-2", "admin-test", "full-2", 7, AlertAction.UPDATED,
                "Drill", "", "https://example.com/news?id=2&lang=de#top", new Category("real-estate"),
                Priority.BREAKING, List.of("AAPL", "BRK.B", "RDS-A", "7203.T"),
                Instant.parse("2025-03-01T12:00:00.654321Z"), Instant.parse("2025-03-01T12:00:01.000010Z"),
                Instant.parse("2100-01-01T00:00:00.999999Z"), true);
        Alert nanos = story("nanos-3", Instant.parse("2025-03-01T12:00:00.123456789Z"), "Nanoseconds");

        desk.store().save(bare);
        desk.store().save(full);
        desk.store().save(nanos);

        assertThat(desk.stored("reuters:bare-1")).isEqualTo(bare);
        assertThat(desk.stored("admin-test:full-2")).isEqualTo(full);
        Alert storedNanos = desk.stored("reuters:nanos-3");
        assertThat(storedNanos).isEqualTo(nanos);
        assertThat(storedNanos.updatedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
        assertThat(desk.store().find("reuters:unknown")).isEmpty();
        assertThat(desk.rows()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_story_is_first_seen_when_its_first_revision_was_received(Databases database) {
        Desk desk = desk(database);
        Alert first = story("1", T0, "v1");

        desk.service().ingest(first);
        desk.service().ingest(story("1", T0.plusSeconds(600), "v2"));

        assertThat(desk.stored("reuters:1").receivedAt()).isEqualTo(T0.plusSeconds(601));
        assertThat(desk.firstSeen("reuters:1")).isEqualTo(first.receivedAt());
    }

    // --- ingest ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void the_same_delivery_twice_is_a_duplicate_and_stores_one_row(Databases database) {
        Desk desk = desk(database);
        Alert incoming = story("1", T0, "Apple beats estimates");

        assertThat(desk.service().ingest(incoming)).isEqualTo(IngestOutcome.CREATED);
        assertThat(desk.service().ingest(incoming)).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(desk.rows()).isEqualTo(1);
        assertThat(desk.stored("reuters:1")).isEqualTo(incoming.asRevision(1, AlertAction.CREATED));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_newer_revision_updates_the_same_row_and_keeps_its_place(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(story("1", T0, "Apple beats estimates"));
        desk.service().ingest(story("2", T0, "Oil flat"));
        desk.service().ingest(story("3", T0, "Vote today"));

        IngestOutcome outcome = desk.service().ingest(story("1", T0.plusSeconds(60), "Apple beats estimates by 10%"));

        assertThat(outcome).isEqualTo(IngestOutcome.UPDATED);
        assertThat(desk.rows()).isEqualTo(3);
        Alert stored = desk.stored("reuters:1");
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.action()).isEqualTo(AlertAction.UPDATED);
        assertThat(stored.headline()).isEqualTo("Apple beats estimates by 10%");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id)
                .containsExactly("reuters:3", "reuters:2", "reuters:1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_retraction_marks_the_story_retracted_and_keeps_its_text(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(story("1", T0, "Apple beats estimates"));

        IngestOutcome outcome = desk.service().ingest(story("1", T0.plusSeconds(120), "Withdrawn",
                AlertAction.RETRACTED));

        assertThat(outcome).isEqualTo(IngestOutcome.RETRACTED);
        assertThat(desk.rows()).isEqualTo(1);
        Alert stored = desk.stored("reuters:1");
        assertThat(stored.retracted()).isTrue();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.headline()).isEqualTo("Apple beats estimates");
        assertThat(stored.summary()).isEqualTo("Summary of Apple beats estimates");
        assertThat(stored.url()).isEqualTo("https://example.com/1");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(stored.receivedAt()).as("stamped by the service clock").isEqualTo(NOW);
        assertThat(desk.service().ingest(story("1", T0.plusSeconds(3600), "Back again")))
                .as("news about a retracted story").isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(desk.stored("reuters:1")).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void an_older_revision_arriving_after_a_newer_one_changes_nothing(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(story("1", T0, "v1"));
        desk.service().ingest(story("1", T0.plusSeconds(120), "v3"));
        Alert newest = desk.stored("reuters:1");

        assertThat(desk.service().ingest(story("1", T0.plusSeconds(60), "v2 late"))).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(desk.stored("reuters:1")).isEqualTo(newest);
        assertThat(newest.revision()).isEqualTo(2);
        assertThat(newest.headline()).isEqualTo("v3");
        assertThat(desk.rows()).isEqualTo(1);
    }

    // --- batches --------------------------------------------------------------------------------

    private static AlertStore.Write insert(Alert alert) {
        return new AlertStore.Write(alert, true);
    }

    private static AlertStore.Write replace(Alert alert) {
        return new AlertStore.Write(alert, false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void find_all_returns_the_stored_stories_by_id_and_leaves_out_unknown_ones(Databases database) {
        Desk desk = desk(database);
        Alert one = story("1", T0, "One");
        Alert three = story("3", T0, "Three");
        desk.store().save(one);
        desk.store().save(story("2", T0, "Two"));
        desk.store().save(three);

        Map<String, Alert> found = desk.store().findAll(List.of("reuters:1", "reuters:unknown", "reuters:3",
                "reuters:1"));

        assertThat(found).containsOnly(Map.entry("reuters:1", one), Map.entry("reuters:3", three));
        assertThat(desk.store().findAll(List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void find_all_looks_up_more_ids_than_one_statement_takes(Databases database) {
        Desk desk = desk(database);
        int count = JdbcAlertStore.MAX_IDS_PER_LOOKUP * 2 + 7;
        List<AlertStore.Write> writes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            writes.add(insert(numbered(n, Category.MARKETS)));
            ids.add(idOf(n));
            ids.add("reuters:unknown-" + n);
        }
        desk.store().saveAll(writes);

        Map<String, Alert> found = desk.store().findAll(ids);

        assertThat(desk.rows()).isEqualTo(count);
        assertThat(found).hasSize(count);
        assertThat(found.get(idOf(count)).headline()).isEqualTo("Story " + count);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void save_all_inserts_new_stories_in_order_then_replaces_revisions(Databases database) {
        Desk desk = desk(database);
        desk.store().save(story("old", T0, "Old v1"));
        Alert fresh = story("fresh", T0, "Fresh v1");
        Alert freshRevised = story("fresh", T0.plusSeconds(60), "Fresh v2").asRevision(2, AlertAction.UPDATED);
        Alert oldRevised = story("old", T0.plusSeconds(60), "Old v2").asRevision(2, AlertAction.UPDATED);
        Alert later = story("later", T0, "Later");

        desk.store().saveAll(List.of(insert(fresh), replace(oldRevised), insert(later), replace(freshRevised)));

        assertThat(desk.rows()).isEqualTo(3);
        assertThat(desk.stored("reuters:fresh")).isEqualTo(freshRevised);
        assertThat(desk.stored("reuters:old")).isEqualTo(oldRevised);
        assertThat(desk.stored("reuters:later")).isEqualTo(later);
        assertThat(desk.firstSeen("reuters:fresh")).as("its first revision's").isEqualTo(fresh.receivedAt());
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id)
                .containsExactly("reuters:later", "reuters:fresh", "reuters:old");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void save_all_stores_a_revision_of_a_story_deleted_meanwhile_anew(Databases database) {
        Desk desk = desk(database);
        Alert gone = story("gone", T0.plusSeconds(60), "Gone v2").asRevision(2, AlertAction.UPDATED);

        desk.store().saveAll(List.of(insert(story("1", T0, "One")), replace(gone)));

        assertThat(desk.rows()).isEqualTo(2);
        assertThat(desk.stored("reuters:gone")).isEqualTo(gone);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void save_all_replaces_a_new_story_that_another_writer_stored_first(Databases database) {
        Desk desk = desk(database);
        desk.store().save(story("raced", T0, "Stored by another instance"));
        Alert raced = story("raced", T0.plusSeconds(1), "Ours");
        Alert other = story("other", T0, "Other");

        desk.store().saveAll(List.of(insert(other), insert(raced)));

        assertThat(desk.rows()).isEqualTo(2);
        assertThat(desk.stored("reuters:raced")).isEqualTo(raced);
        assertThat(desk.stored("reuters:other")).isEqualTo(other);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_batch_is_one_transaction_so_a_failure_in_it_stores_and_broadcasts_nothing(Databases database)
            throws Exception {
        Desk desk = desk(database);
        desk.jdbc().sql("alter table alert add constraint no_poison check (headline <> 'Poison')").update();
        desk.service().ingest(story("known", T0, "Known v1"));
        List<Alert> broadcast = new CopyOnWriteArrayList<>();
        desk.service().subscribe(delivery -> broadcast.addAll(delivery.alerts()));
        Alert fresh = story("fresh", T0, "Fresh");

        // The new story is inserted before the revision the database refuses.
        assertThatThrownBy(() -> desk.service().ingestAll(List.of(fresh, story("known", T0.plusSeconds(60),
                "Poison")))).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(desk.rows()).isEqualTo(1);
        assertThat(desk.store().find("reuters:fresh")).isEmpty();
        assertThat(desk.stored("reuters:known").headline()).isEqualTo("Known v1");
        assertThat(desk.service().ingestAll(List.of(fresh, story("known", T0.plusSeconds(60), "Known v2"))))
                .containsExactly(IngestOutcome.CREATED, IngestOutcome.UPDATED);
        Poll.until(Duration.ofSeconds(5), "the second try is broadcast", () -> broadcast.size() >= 2);
        assertThat(broadcast).extracting(Alert::id, Alert::revision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reuters:fresh", 1),
                org.assertj.core.groups.Tuple.tuple("reuters:known", 2));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_batch_through_the_service_follows_the_same_rules_as_one_alert_at_a_time(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(story("known", T0, "Known v1"));
        desk.service().ingest(story("doomed", T0, "Doomed"));
        Alert twiceFirst = story("twice", T0, "Twice v1");

        List<IngestOutcome> outcomes = desk.service().ingestAll(List.of(
                story("new", T0, "New"),
                twiceFirst,
                story("known", T0.plusSeconds(60), "Known v2"),
                story("twice", T0, "Twice v1"),
                story("doomed", T0.plusSeconds(60), "Withdrawn", AlertAction.RETRACTED),
                story("twice", T0.plusSeconds(60), "Twice v2"),
                story("early", T0.plusSeconds(5), "Withdrawn", AlertAction.RETRACTED),
                story("early", T0, "Overtaken by its retraction"),
                story("known", T0.plusSeconds(30), "Known, late")));

        assertThat(outcomes).containsExactly(IngestOutcome.CREATED, IngestOutcome.CREATED, IngestOutcome.UPDATED,
                IngestOutcome.DUPLICATE, IngestOutcome.RETRACTED, IngestOutcome.UPDATED, IngestOutcome.RETRACTED,
                IngestOutcome.DUPLICATE, IngestOutcome.DUPLICATE);
        assertThat(desk.rows()).isEqualTo(5);
        assertThat(desk.stored("reuters:known")).extracting(Alert::revision, Alert::headline)
                .containsExactly(2, "Known v2");
        assertThat(desk.stored("reuters:doomed")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(2, AlertAction.RETRACTED, "Doomed");
        assertThat(desk.stored("reuters:twice")).extracting(Alert::revision, Alert::action, Alert::headline)
                .containsExactly(2, AlertAction.UPDATED, "Twice v2");
        assertThat(desk.firstSeen("reuters:twice")).isEqualTo(twiceFirst.receivedAt());
        assertThat(desk.stored("reuters:early")).extracting(Alert::revision, Alert::action)
                .containsExactly(1, AlertAction.RETRACTED);
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id).containsExactly(
                "reuters:early", "reuters:twice", "reuters:new", "reuters:doomed", "reuters:known");
    }

    // --- paging ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void keyset_paging_visits_every_story_once_newest_first(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 120; n++) {
            desk.service().ingest(numbered(n, n % 3 == 0 ? Category.POLITICS : Category.MARKETS));
        }

        List<AlertPage> pages = desk.allPages(AlertQuery.ALL, 50);

        assertThat(pages).extracting(page -> page.alerts().size()).containsExactly(50, 50, 20);
        assertThat(pages.getLast().olderThan()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(idsNewestFirst(IntStream.rangeClosed(1, 120)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_last_page_that_is_exactly_full_has_no_cursor(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 120; n++) {
            desk.store().save(numbered(n, Category.MARKETS));
        }

        List<AlertPage> pages = desk.allPages(AlertQuery.ALL, 40);

        assertThat(pages).extracting(page -> page.alerts().size()).containsExactly(40, 40, 40);
        assertThat(ids(pages)).doesNotHaveDuplicates().hasSize(120);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void keyset_paging_works_with_a_category_filter(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 120; n++) {
            desk.store().save(numbered(n, n % 3 == 0 ? Category.POLITICS : Category.MARKETS));
        }
        AlertQuery politics = new AlertQuery(Set.of(Category.POLITICS), "");

        List<AlertPage> pages = desk.allPages(politics, 15);

        assertThat(pages).extracting(page -> page.alerts().size()).containsExactly(15, 15, 10);
        assertThat(pages.getLast().olderThan()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(
                idsNewestFirst(IntStream.rangeClosed(1, 120).filter(n -> n % 3 == 0)));
        assertThat(pages).flatExtracting(AlertPage::alerts).extracting(Alert::category).containsOnly(Category.POLITICS);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void paging_is_by_position_so_an_update_to_an_old_story_does_not_move_it(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 120; n++) {
            desk.service().ingest(numbered(n, Category.MARKETS));
        }
        AlertPage first = desk.store().page(AlertQuery.ALL, null, 50);

        Alert update = Alert.received("reuters", "0010", AlertAction.UPDATED, "Story 10, corrected", "Corrected",
                null, Category.MARKETS, Priority.HIGH, List.of(), T0, T0.plusSeconds(3600), T0.plusSeconds(3600),
                false);
        assertThat(desk.service().ingest(update)).isEqualTo(IngestOutcome.UPDATED);
        AlertPage second = desk.store().page(AlertQuery.ALL, first.olderThan(), 50);
        AlertPage third = desk.store().page(AlertQuery.ALL, second.olderThan(), 50);

        assertThat(desk.store().newest(AlertQuery.ALL, 1)).extracting(Alert::id).containsExactly(idOf(120));
        assertThat(second.alerts()).extracting(Alert::id)
                .containsExactlyElementsOf(idsNewestFirst(IntStream.rangeClosed(21, 70)));
        assertThat(third.alerts()).extracting(Alert::id)
                .containsExactlyElementsOf(idsNewestFirst(IntStream.rangeClosed(1, 20)));
        assertThat(third.olderThan()).isNull();
        assertThat(third.alerts().get(10)).extracting(Alert::headline, Alert::revision)
                .containsExactly("Story 10, corrected", 2);
    }

    // --- search ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_keyword_finds_headline_summary_source_and_symbols_case_insensitively_in_the_whole_history(
            Databases database) {
        Desk desk = desk(database);
        desk.store().save(Alert.received("reuters", "h", AlertAction.CREATED, "Kangaroo court rules", "", null,
                Category.WORLD, Priority.NORMAL, List.of(), T0, T0, T0, false));
        desk.store().save(Alert.received("reuters", "s", AlertAction.CREATED, "Court rules", "A PLATYPUS appeared",
                null, Category.WORLD, Priority.NORMAL, List.of(), T0, T0, T0, false));
        desk.store().save(Alert.received("WombatWire", "o", AlertAction.CREATED, "Court rules", "", null,
                Category.WORLD, Priority.NORMAL, List.of(), T0, T0, T0, false));
        desk.store().save(Alert.received("reuters", "y", AlertAction.CREATED, "Court rules", "", null,
                Category.MARKETS, Priority.NORMAL, List.of("AAPL", "EMUX.L"), T0, T0, T0, false));
        for (int n = 5; n <= 300; n++) {
            desk.store().save(numbered(n, Category.MARKETS));
        }

        assertThat(desk.store().page(new AlertQuery(Set.of(), "kangaroo"), null, 50).alerts())
                .extracting(Alert::id).containsExactly("reuters:h");
        assertThat(desk.store().page(new AlertQuery(Set.of(), "Platypus"), null, 50).alerts())
                .extracting(Alert::id).containsExactly("reuters:s");
        assertThat(desk.store().page(new AlertQuery(Set.of(), "wOMBATw"), null, 50).alerts())
                .extracting(Alert::id).containsExactly("WombatWire:o");
        assertThat(desk.store().page(new AlertQuery(Set.of(), "emux.l"), null, 50).alerts())
                .extracting(Alert::id).containsExactly("reuters:y");
        AlertPage courts = desk.store().page(new AlertQuery(Set.of(), "COURT RULES"), null, 50);
        assertThat(courts.alerts()).extracting(Alert::id)
                .containsExactly("reuters:y", "WombatWire:o", "reuters:s", "reuters:h");
        assertThat(courts.olderThan()).isNull();
        assertThat(desk.store().page(new AlertQuery(Set.of(Category.WORLD), "court"), null, 50).alerts())
                .extracting(Alert::id).containsExactly("WombatWire:o", "reuters:s", "reuters:h");
        assertThat(desk.store().page(new AlertQuery(Set.of(), "no such word"), null, 50).alerts()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_keyword_search_pages_through_all_its_matches(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 120; n++) {
            desk.store().save(numbered(n, Category.MARKETS));
        }
        // "Story 1", "Story 10".."Story 19", "Story 100".."Story 120": 32 matches.
        AlertQuery query = new AlertQuery(Set.of(), "story 1");

        List<AlertPage> pages = desk.allPages(query, 10);

        assertThat(pages).extracting(page -> page.alerts().size()).containsExactly(10, 10, 10, 2);
        assertThat(ids(pages)).containsExactlyElementsOf(idsNewestFirst(IntStream.rangeClosed(1, 120)
                .filter(n -> String.valueOf(n).startsWith("1"))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void like_wildcards_in_a_keyword_are_matched_literally(Databases database) {
        Desk desk = desk(database);
        String[][] stories = {
            {"pct", "Rates up 50% overnight"},
            {"num", "Rates up 500 points"},
            {"under", "Token a_b listed"},
            {"any", "Token axb listed"},
            {"bang", "Wow! A record"},
            {"nobang", "Wow A record"},
            {"slash", "Saved to C:\\temp"},
            {"noslash", "Saved to C:temp"},
        };
        for (String[] story : stories) {
            desk.store().save(Alert.received("reuters", story[0], AlertAction.CREATED, story[1], "", null,
                    Category.GENERAL, Priority.NORMAL, List.of(), T0, T0, T0, false));
        }

        assertThat(search(desk, "50%")).containsExactly("reuters:pct");
        assertThat(search(desk, "a_b")).containsExactly("reuters:under");
        assertThat(search(desk, "wow!")).containsExactly("reuters:bang");
        assertThat(search(desk, "c:\\t")).containsExactly("reuters:slash");
        assertThat(search(desk, "%")).containsExactly("reuters:pct");
        assertThat(search(desk, "_")).containsExactly("reuters:under");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_keyword_with_letters_beyond_ascii_matches_in_any_case(Databases database) {
        Desk desk = desk(database);
        desk.store().save(Alert.received("reuters", "1", AlertAction.CREATED, "ÜBER DEN WOLKEN IN ZÜRICH", "", null,
                Category.GENERAL, Priority.NORMAL, List.of(), T0, T0, T0, false));
        desk.store().save(Alert.received("reuters", "2", AlertAction.CREATED, "Straße in Αθήνα", "", null,
                Category.GENERAL, Priority.NORMAL, List.of(), T0, T0, T0, false));

        assertThat(search(desk, "über")).containsExactly("reuters:1");
        assertThat(search(desk, "zürich")).containsExactly("reuters:1");
        assertThat(search(desk, "ΑΘΉΝΑ")).containsExactly("reuters:2");
    }

    private static List<String> search(Desk desk, String keyword) {
        return desk.store().page(new AlertQuery(Set.of(), keyword), null, 50).alerts().stream().map(Alert::id).toList();
    }

    // --- test alerts ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void newest_test_alerts_lists_only_test_alerts_newest_first(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(receivedAt("1", T0, true));
        desk.service().ingest(receivedAt("2", T0, false));
        desk.service().ingest(receivedAt("3", T0, true));
        desk.service().ingest(receivedAt("4", T0, false));
        desk.service().ingest(receivedAt("5", T0, true));

        assertThat(desk.store().newestTestAlerts(10)).extracting(Alert::id)
                .containsExactly("admin-test:5", "admin-test:3", "admin-test:1");
        assertThat(desk.store().newestTestAlerts(2)).extracting(Alert::id)
                .containsExactly("admin-test:5", "admin-test:3");
        assertThat(desk.store().newestTestAlerts(10)).allMatch(Alert::test);
    }

    // --- retention ------------------------------------------------------------------------------

    private static final Duration DAY = Duration.ofDays(1);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void retention_deletes_stories_first_seen_before_the_cutoff_and_test_alerts_by_their_own(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(receivedAt("old", T0.minus(DAY.multipliedBy(40)), false));
        desk.service().ingest(receivedAt("at-cutoff", T0.minus(DAY.multipliedBy(30)), false));
        desk.service().ingest(receivedAt("recent", T0.minus(DAY.multipliedBy(2)), false));
        desk.service().ingest(receivedAt("old", T0.minus(DAY.multipliedBy(2)), true));
        desk.service().ingest(receivedAt("recent", T0.minusSeconds(3600), true));

        int deleted = desk.store().deleteExpired(T0.minus(DAY.multipliedBy(30)), T0.minus(DAY), 1_000_000);

        assertThat(deleted).isEqualTo(2);
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id)
                .containsExactly("admin-test:recent", "reuters:recent", "reuters:at-cutoff");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void retention_goes_by_when_a_story_was_first_seen_not_by_its_latest_revision(Databases database) {
        Desk desk = desk(database);
        Instant longAgo = T0.minus(DAY.multipliedBy(40));
        desk.service().ingest(receivedAt("1", longAgo, false));
        Alert freshRevision = Alert.received("reuters", "1", AlertAction.UPDATED, "Story 1, updated", "", null,
                Category.GENERAL, Priority.NORMAL, List.of(), longAgo, T0, T0, false);
        assertThat(desk.service().ingest(freshRevision)).isEqualTo(IngestOutcome.UPDATED);
        assertThat(desk.stored("reuters:1").receivedAt()).isEqualTo(T0);

        int deleted = desk.store().deleteExpired(T0.minus(DAY.multipliedBy(30)), T0.minus(DAY), 1_000_000);

        assertThat(deleted).isEqualTo(1);
        assertThat(desk.store().find("reuters:1")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void retention_keeps_at_most_the_newest_stories_by_count(Databases database) {
        Desk desk = desk(database);
        for (int n = 1; n <= 10; n++) {
            desk.service().ingest(numbered(n, Category.MARKETS));
        }
        // An update does not make an old story newer.
        desk.service().ingest(Alert.received("reuters", "0002", AlertAction.UPDATED, "Story 2, updated", "", null,
                Category.MARKETS, Priority.NORMAL, List.of(), T0, T0.plusSeconds(3600), T0.plusSeconds(3600), false));
        Instant longAgo = T0.minus(DAY.multipliedBy(365));

        assertThat(desk.store().deleteExpired(longAgo, longAgo, 10)).as("nothing over the count").isZero();
        int deleted = desk.store().deleteExpired(longAgo, longAgo, 3);

        assertThat(deleted).isEqualTo(7);
        assertThat(desk.rows()).isEqualTo(3);
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id)
                .containsExactly(idOf(10), idOf(9), idOf(8));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void retention_by_age_and_by_count_add_up(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(receivedAt("expired", T0.minus(DAY.multipliedBy(40)), false));
        for (int n = 1; n <= 5; n++) {
            desk.service().ingest(numbered(n, Category.MARKETS));
        }

        int deleted = desk.store().deleteExpired(T0.minus(DAY.multipliedBy(30)), T0.minus(DAY), 2);

        assertThat(deleted).isEqualTo(4);
        assertThat(desk.store().newest(AlertQuery.ALL, 10)).extracting(Alert::id)
                .containsExactly(idOf(5), idOf(4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void retention_on_an_empty_store_deletes_nothing(Databases database) {
        Desk desk = desk(database);

        assertThat(desk.store().deleteExpired(T0, T0, 1)).isZero();
    }

    // --- known defects --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_page_of_zero_stories_is_empty(Databases database) {
        Desk desk = desk(database);
        desk.service().ingest(story("1", T0, "Apple beats estimates"));

        assertThat(desk.store().page(AlertQuery.ALL, null, 0)).isEqualTo(AlertPage.empty());
        assertThat(desk.service().newest(AlertQuery.ALL, 0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Databases.class)
    void a_keyword_spanning_two_symbols_matches_neither(Databases database) {
        Desk desk = desk(database);
        Alert alert = Alert.received("reuters", "1", AlertAction.CREATED, "Tech rally", "", null, Category.MARKETS,
                Priority.NORMAL, List.of("AAPL", "MSFT"), T0, T0, T0, false);
        desk.store().save(alert);
        AlertQuery query = new AlertQuery(Set.of(), "aapl msft");

        assertThat(query.matches(alert)).isFalse();
        assertThat(desk.store().page(query, null, 10).alerts()).isEmpty();
    }
}
