package se.postvakt.absence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass at a time. Within the JVM a lock; on PostgreSQL also a session advisory lock, so that of several
 * instances sharing the database only one passes at a time. The key is derived from the schema, so separate
 * installations (or test schemas) in one database do not block each other.
 */
final class PassLock {
    private static final Logger LOG = LoggerFactory.getLogger(PassLock.class);
    private static final String KEY = "hashtext('postvakt.absence.reconcile.' || current_schema())";

    private final DataSource ds;
    private final boolean postgres;
    private final ReentrantLock local = new ReentrantLock();

    PassLock(DataSource ds, boolean postgres) {
        this.ds = ds;
        this.postgres = postgres;
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Tries for up to {@code wait}; empty when another pass holds it. */
    Optional<Held> tryAcquire(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (!postgres) {
            return Optional.of(local::unlock);
        }
        Connection c = null;
        try {
            c = ds.getConnection();
            while (true) {
                if (tryAdvisory(c)) {
                    Connection held = c;
                    return Optional.of(() -> release(held));
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            LOG.warn("could not take the reconcile lock: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // not taken: the connection goes back to the pool on every path, failures included
        closeQuietly(c);
        local.unlock();
        return Optional.empty();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock connection failed: {}", e.getMessage());
            }
        }
    }

    private static boolean tryAdvisory(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void release(Connection c) {
        try (c; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
            ps.execute();
        } catch (SQLException e) {
            // Ending the session releases the lock, so the pool must not hand this connection out again.
            LOG.warn("releasing the reconcile lock failed: {}", e.getMessage());
            if (ds instanceof com.zaxxer.hikari.HikariDataSource h) {
                h.evictConnection(c);
            }
        } finally {
            local.unlock();
        }
    }
}
