package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keeps the index on {@code alert.first_seen_at} only where a query uses it: on PostgreSQL, not on H2.
 * Its one reader is retention's delete (stories first seen before a cutoff, test alerts by a cutoff
 * of their own). PostgreSQL answers it with two range scans of the index; H2 cannot use an index for
 * those two ORed ranges and scans the table whether the index is there or not. On H2 the index was
 * only cost: every new story wrote, and committed, one more tree of timestamps. Java rather than SQL
 * because a SQL migration cannot ask which engine it runs on; on PostgreSQL this changes nothing.
 */
public class V3__Alert_first_seen_index_where_it_is_used extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop index alert_first_seen");
            }
        }
    }
}
