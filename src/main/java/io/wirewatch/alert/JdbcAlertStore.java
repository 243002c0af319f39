package io.wirewatch.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alerts in a relational database (H2 by default, PostgreSQL in production), one row per story.
 * The SQL is kept to what both engines speak the same way; Flyway owns the schema.
 */
public final class JdbcAlertStore implements AlertStore {

    private static final String COLUMNS = "position, id, source, source_id, revision, action, headline, summary, url, "
            + "category, priority, symbols, published_at, updated_at, received_at, test";

    private static final java.util.regex.Pattern SYMBOL_TEXT = java.util.regex.Pattern.compile("[a-z0-9.\\-]+");

    /** No page is larger, whatever a caller asks for. */
    static final int MAX_PAGE = 1_000;

    private final JdbcClient jdbc;

    public JdbcAlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Alert> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from alert where id = :id").param("id", id)
                .query((rs, row) -> alert(rs)).optional();
    }

    @Override
    public void save(Alert alert) {
        int updated = jdbc.sql("""
                update alert set revision = :revision, action = :action, headline = :headline, summary = :summary,
                  url = :url, category = :category, priority = :priority, symbols = :symbols,
                  published_at = :publishedAt, updated_at = :updatedAt, received_at = :receivedAt, test = :test
                where id = :id""").paramSource(parameters(alert)).update();
        if (updated == 0) {
            insert(alert);
        }
    }

    @Override
    public void insert(Alert alert) {
        try {
            jdbc.sql("""
                    insert into alert (id, source, source_id, revision, action, headline, summary, url, category,
                      priority, symbols, published_at, updated_at, received_at, first_seen_at, test)
                    values (:id, :source, :sourceId, :revision, :action, :headline, :summary, :url, :category,
                      :priority, :symbols, :publishedAt, :updatedAt, :receivedAt, :receivedAt, :test)""")
                    .paramSource(parameters(alert)).update();
        } catch (DuplicateKeyException racedByAnotherInstance) {
            save(alert);
        }
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

    private static java.util.Map<String, Object> parameters(Alert alert) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", alert.id());
        values.put("source", alert.source());
        values.put("sourceId", alert.sourceId());
        values.put("revision", alert.revision());
        values.put("action", alert.action().name());
        values.put("headline", alert.headline());
        values.put("summary", alert.summary());
        values.put("url", alert.url());
        values.put("category", alert.category().key());
        values.put("priority", alert.priority().name());
        values.put("symbols", String.join(" ", alert.symbols()));
        values.put("publishedAt", utc(alert.publishedAt()));
        values.put("updatedAt", utc(alert.updatedAt()));
        values.put("receivedAt", utc(alert.receivedAt()));
        values.put("test", alert.test());
        return values;
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
