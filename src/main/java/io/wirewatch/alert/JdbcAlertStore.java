package io.wirewatch.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts in a relational database (H2 by default, PostgreSQL in production), one row per story.
 * The SQL is kept to what both engines speak the same way; Flyway owns the schema. A batch of
 * writes ({@link #saveAll}) is one transaction of JDBC batch statements.
 */
public final class JdbcAlertStore implements AlertStore {

    private static final String COLUMNS = "position, id, source, source_id, revision, action, headline, summary, url, "
            + "category, priority, symbols, published_at, updated_at, received_at, test";

    // Writes bind their parameters by position with typed setters: in batches, named parameters
    // added about a third to H2's own work per row.
    private static final String INSERT = """
            insert into alert (id, source, source_id, first_seen_at, revision, action, headline, summary, url,
              category, priority, symbols, published_at, updated_at, received_at, test)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE = """
            update alert set revision = ?, action = ?, headline = ?, summary = ?, url = ?, category = ?,
              priority = ?, symbols = ?, published_at = ?, updated_at = ?, received_at = ?, test = ?
            where id = ?""";

    private static final java.util.regex.Pattern SYMBOL_TEXT = java.util.regex.Pattern.compile("[a-z0-9.\\-]+");

    /** No page is larger, whatever a caller asks for. */
    static final int MAX_PAGE = 1_000;

    /** No lookup ({@link #findAll}) names more ids in one statement; more take several. */
    static final int MAX_IDS_PER_LOOKUP = 500;

    private final JdbcOperations writer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    /** A store of its own on the data source, with its own transaction manager (tests, benchmarks). */
    public JdbcAlertStore(DataSource dataSource) {
        this(new JdbcTemplate(dataSource), new JdbcTransactionManager(dataSource));
    }

    /**
     * @param jdbc         statements on the application's data source
     * @param transactions the transaction manager of that same data source, for {@link #saveAll}
     */
    public JdbcAlertStore(JdbcOperations jdbc, PlatformTransactionManager transactions) {
        this.writer = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(transactions);
    }

    @Override
    public Optional<Alert> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from alert where id = :id").param("id", id)
                .query((rs, row) -> alert(rs)).optional();
    }

    @Override
    public Map<String, Alert> findAll(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, Alert> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_LOOKUP) {
            List<String> some = distinct.subList(from, Math.min(distinct.size(), from + MAX_IDS_PER_LOOKUP));
            for (Alert alert : jdbc.sql("select " + COLUMNS + " from alert where id in (:ids)").param("ids", some)
                    .query((rs, row) -> alert(rs)).list()) {
                found.put(alert.id(), alert);
            }
        }
        return found;
    }

    @Override
    public void save(Alert alert) {
        int updated = writer.update(UPDATE, statement -> bindUpdate(statement, alert));
        if (updated == 0) {
            insert(alert);
        }
    }

    @Override
    public void insert(Alert alert) {
        try {
            writer.update(INSERT, statement -> bindInsert(statement, alert));
        } catch (DuplicateKeyException racedByAnotherInstance) {
            save(alert);
        }
    }

    @Override
    public void saveAll(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (writes.size() == 1) {
            // One write is all or nothing without a transaction: no transaction or batch to pay for.
            Write write = writes.getFirst();
            if (write.insert()) {
                insert(write.alert());
            } else {
                save(write.alert());
            }
            return;
        }
        try {
            transactions.executeWithoutResult(status -> writeBatch(writes));
        } catch (DuplicateKeyException racedByAnotherInstance) {
            // Another writer stored one of the new stories first, and the batch was rolled back: do it
            // again one write at a time, each replacing whatever is stored, still in one transaction.
            transactions.executeWithoutResult(status -> writes.forEach(write -> save(write.alert())));
        }
    }

    /** Runs inside the batch's transaction. */
    private void writeBatch(List<Write> writes) {
        List<Alert> inserts = new ArrayList<>();
        List<Alert> updates = new ArrayList<>();
        for (Write write : writes) {
            (write.insert() ? inserts : updates).add(write.alert());
        }
        // The new stories first, in order, which gives them their place in history; then the
        // revisions in order, so a story new in this batch is there when its next revision comes.
        insertAll(inserts);
        if (!updates.isEmpty()) {
            int[][] updated = writer.batchUpdate(UPDATE, updates, updates.size(), JdbcAlertStore::bindUpdate);
            // A revision of a story deleted meanwhile (retention) is stored anew, as save does.
            List<Alert> vanished = new ArrayList<>();
            for (int i = 0; i < updates.size(); i++) {
                if (updated[0][i] == 0) {
                    vanished.add(updates.get(i));
                }
            }
            insertAll(vanished);
        }
    }

    private void insertAll(List<Alert> alerts) {
        if (!alerts.isEmpty()) {
            writer.batchUpdate(INSERT, alerts, alerts.size(), JdbcAlertStore::bindInsert);
        }
    }

    /** {@link #INSERT}'s parameters: a story first seen with this revision. */
    private static void bindInsert(PreparedStatement statement, Alert alert) throws SQLException {
        statement.setString(1, alert.id());
        statement.setString(2, alert.source());
        statement.setString(3, alert.sourceId());
        statement.setObject(4, utc(alert.receivedAt()));
        bindRevision(statement, 5, alert);
    }

    /** {@link #UPDATE}'s parameters. */
    private static void bindUpdate(PreparedStatement statement, Alert alert) throws SQLException {
        bindRevision(statement, 1, alert);
        statement.setString(13, alert.id());
    }

    /** The twelve columns a revision sets, {@code revision} to {@code test}, from parameter {@code first} on. */
    private static void bindRevision(PreparedStatement statement, int first, Alert alert) throws SQLException {
        statement.setInt(first, alert.revision());
        statement.setString(first + 1, alert.action().name());
        statement.setString(first + 2, alert.headline());
        statement.setString(first + 3, alert.summary());
        if (alert.url() == null) {
            statement.setNull(first + 4, Types.VARCHAR);
        } else {
            statement.setString(first + 4, alert.url());
        }
        statement.setString(first + 5, alert.category().key());
        statement.setString(first + 6, alert.priority().name());
        statement.setString(first + 7, String.join(" ", alert.symbols()));
        statement.setObject(first + 8, utc(alert.publishedAt()));
        statement.setObject(first + 9, utc(alert.updatedAt()));
        statement.setObject(first + 10, utc(alert.receivedAt()));
        statement.setBoolean(first + 11, alert.test());
    }

    @Override
    public AlertPage page(AlertQuery query, @Nullable Long olderThan, int limit) {
        if (limit <= 0) {
            return AlertPage.empty();
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (olderThan != null) {
            sql.append(" and position < ?");
            args.add(olderThan);
        }
        if (!query.categories().isEmpty()) {
            sql.append(" and category in (").append(String.join(",", query.categories().stream().map(c -> "?").toList()))
                    .append(")");
            query.categories().forEach(category -> args.add(category.key()));
        }
        if (!query.keyword().isEmpty()) {
            String keyword = query.keyword().toLowerCase(Locale.ROOT);
            String pattern = "%" + likeEscaped(keyword) + "%";
            // Symbols are stored space-separated; a keyword can only lie inside one symbol if it
            // uses the symbols' own characters, so it never matches across two of them.
            boolean symbolLike = SYMBOL_TEXT.matcher(keyword).matches();
            sql.append(" and (lower(headline) like ? escape '!' or lower(summary) like ? escape '!'"
                    + " or lower(source) like ? escape '!'" + (symbolLike ? " or lower(symbols) like ? escape '!'" : "")
                    + ")");
            for (int i = 0; i < (symbolLike ? 4 : 3); i++) {
                args.add(pattern);
            }
        }
        sql.append(" order by position desc limit ?");
        args.add(Math.min(limit, MAX_PAGE) + 1);
        List<Positioned> rows = jdbc.sql(sql.toString()).params(args)
                .query((rs, row) -> new Positioned(rs.getLong("position"), alert(rs))).list();
        int size = Math.min(limit, MAX_PAGE);
        boolean more = rows.size() > size;
        List<Positioned> page = more ? rows.subList(0, size) : rows;
        return new AlertPage(page.stream().map(Positioned::alert).toList(),
                page.stream().map(Positioned::position).toList(), more ? page.getLast().position() : null);
    }

    @Override
    public List<Alert> newestTestAlerts(int limit) {
        return jdbc.sql("select " + COLUMNS + " from alert where test = true order by position desc limit :limit")
                .param("limit", limit).query((rs, row) -> alert(rs)).list();
    }

    @Override
    public int deleteExpired(Instant cutoff, Instant testCutoff, long keepAtMost) {
        int expired = jdbc.sql("delete from alert where (test = false and first_seen_at < :cutoff)"
                        + " or (test = true and first_seen_at < :testCutoff)")
                .param("cutoff", utc(cutoff)).param("testCutoff", utc(testCutoff)).update();
        Long oldestKept = jdbc.sql("select position from alert order by position desc limit 1 offset :keep")
                .param("keep", Math.max(0, keepAtMost - 1)).query(Long.class).optional().orElse(null);
        int overCount = oldestKept == null ? 0
                : jdbc.sql("delete from alert where position < :oldestKept").param("oldestKept", oldestKept).update();
        return expired + overCount;
    }

    private record Positioned(long position, Alert alert) {
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        String symbols = rs.getString("symbols");
        return new Alert(rs.getString("id"), rs.getString("source"), rs.getString("source_id"), rs.getInt("revision"),
                AlertAction.valueOf(rs.getString("action")), rs.getString("headline"), rs.getString("summary"),
                rs.getString("url"), new Category(rs.getString("category")), Priority.valueOf(rs.getString("priority")),
                symbols.isEmpty() ? List.of() : Arrays.asList(symbols.split(" ")),
                instant(rs, "published_at"), instant(rs, "updated_at"), instant(rs, "received_at"), rs.getBoolean("test"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Escapes LIKE's wildcards so a keyword is matched literally ('!' is the escape character). */
    static String likeEscaped(String keyword) {
        return keyword.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
