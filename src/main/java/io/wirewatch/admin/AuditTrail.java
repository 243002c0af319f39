package io.wirewatch.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Admin actions, kept in the database beside the alerts they touched; read newest first. */
public final class AuditTrail {

    private final JdbcClient jdbc;

    public AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(AuditEntry entry) {
        jdbc.sql("insert into audit_entry (at, actor, action, alert_id, headline, channel)"
                        + " values (:at, :actor, :action, :alertId, :headline, :channel)")
                .param("at", entry.at().atOffset(ZoneOffset.UTC))
                .param("actor", entry.actor())
                .param("action", entry.action().name())
                .param("alertId", entry.alertId())
                .param("headline", entry.headline())
                .param("channel", entry.channel())
                .update();
    }

    public List<AuditEntry> newest(int limit) {
        return jdbc.sql("select at, actor, action, alert_id, headline, channel from audit_entry"
                        + " order by position desc limit :limit")
                .param("limit", limit)
                .query((rs, row) -> new AuditEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), AuditEntry.Action.valueOf(rs.getString("action")),
                        rs.getString("alert_id"), rs.getString("headline"), rs.getString("channel")))
                .list();
    }
}
