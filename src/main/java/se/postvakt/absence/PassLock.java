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
        try {
            Connection c = ds.getConnection();
            while (true) {
                if (tryAdvisory(c)) {
                    return Optional.of(() -> release(c));
                }
                if (System.nanoTime() >= deadline) {
                    c.close();
                    local.unlock();
                    return Optional.empty();
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            local.unlock();
            LOG.warn("could not take the reconcile lock: {}", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            local.unlock();
            Thread.currentThread().interrupt();
            return Optional.empty();
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
