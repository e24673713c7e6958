package se.postvakt.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL at 127.0.0.1:5432 (trust auth, database {@code test}) for repository tests. Each use gets a
 * schema of its own, dropped on close. Tests skip when PostgreSQL is not there, except in CI, where
 * {@code POSTVAKT_REQUIRE_POSTGRES=true} turns a missing server into a failure.
 */
public final class Postgres implements AutoCloseable {
    static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String schema = "pv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private Postgres() {
        exec("CREATE SCHEMA " + schema);
    }

    /** A fresh schema, or the test is skipped (failed in CI) when PostgreSQL is not reachable. */
    public static Postgres fresh() {
        boolean required = "true".equalsIgnoreCase(System.getenv("POSTVAKT_REQUIRE_POSTGRES"));
        try (Connection c = DriverManager.getConnection(BASE, USER, "")) {
            c.isValid(2);
        } catch (SQLException e) {
            if (required) {
                throw new IllegalStateException("PostgreSQL is required (POSTVAKT_REQUIRE_POSTGRES) but not reachable", e);
            }
            Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage());
        }
        return new Postgres();
    }

    /** JDBC URL whose connections work in this test's own schema. */
    public String url() {
        return BASE + "?currentSchema=" + schema;
    }

    public String user() {
        return USER;
    }

    private void exec(String sql) {
        try (Connection c = DriverManager.getConnection(BASE, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
