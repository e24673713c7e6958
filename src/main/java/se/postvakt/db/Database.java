package se.postvakt.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The connection pool and the Flyway migrations. H2 runs in PostgreSQL mode so that one set of SQL files serves
 * both databases.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Opens a pool for the URL and runs pending migrations. */
    public static Database open(String url, String user, String password) {
        boolean pg = url.startsWith("jdbc:postgresql:");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(pg ? url : h2Url(url));
        if (!user.isEmpty()) {
            hc.setUsername(user);
        }
        if (!password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(pg ? 10 : 8);
        hc.setPoolName("postvakt");
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, pg);
    }

    /** Adds the PostgreSQL compatibility settings to an H2 URL unless it already names a mode. */
    static String h2Url(String url) {
        String u = url;
        if (!u.toUpperCase().contains(";MODE=")) {
            u += ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        return u;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** True when a connection works and every migration on the classpath has been applied. */
    public boolean ready() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                return false;
            }
            MigrationInfo[] pending = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .load().info().pending();
            return pending.length == 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** True when a connection can be had and answers. */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
