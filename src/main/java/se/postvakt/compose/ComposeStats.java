package se.postvakt.compose;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import se.postvakt.stats.StatsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily counts for follow-up: checks, checks with a warning or a block, and findings per rule and severity. Never any
 * content. A check only increments in-memory counters; a background thread writes them every few seconds and
 * {@link #close()} writes the rest, so the check path never waits for the database. Counts that fail to write are
 * kept for the next flush.
 */
public final class ComposeStats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeStats.class);

    /** What a count is of; {@code rule} null means the per-day check counts. */
    record Key(LocalDate day, String rule, String severity) {
    }

    private final ComposeStatsRepository repository;
    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** Flushes every {@code flushMillis}; 0 means only on {@link #flush()} and {@link #close()}. */
    public ComposeStats(ComposeStatsRepository repository, long flushMillis) {
        this.repository = repository;
        if (flushMillis > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "compose-stats");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    static final String CHECKS = "checks";
    static final String WARNED = "warned";
    static final String BLOCKED = "blocked";

    /** Counts one check: cheap, no I/O. */
    void record(LocalDate day, Severity verdict, List<Finding> findings) {
        add(new Key(day, null, CHECKS));
        if (verdict == Severity.WARN) {
            add(new Key(day, null, WARNED));
        } else if (verdict == Severity.BLOCK) {
            add(new Key(day, null, BLOCKED));
        }
        for (Finding f : findings) {
            add(new Key(day, f.rule(), f.severity().wire()));
        }
    }

    private void add(Key k) {
        counts.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet();
    }

    /** Writes what has been counted since the last flush. */
    public synchronized void flush() {
        LocalDate latest = LocalDate.MIN;
        for (Key k : counts.keySet()) {
            latest = k.day().isAfter(latest) ? k.day() : latest;
        }
        for (Map.Entry<Key, AtomicLong> e : counts.entrySet()) {
            long n = e.getValue().getAndSet(0);
            if (n == 0) {
                // only past days' counters are dropped: a check may be adding to today's right now
                if (e.getKey().day().isBefore(latest)) {
                    counts.remove(e.getKey(), e.getValue());
                }
                continue;
            }
            Key k = e.getKey();
            try {
                if (k.rule() == null) {
                    repository.addChecks(k.day(), CHECKS.equals(k.severity()) ? n : 0, WARNED.equals(k.severity()) ? n : 0,
                            BLOCKED.equals(k.severity()) ? n : 0);
                } else {
                    repository.addFindings(k.day(), k.rule(), k.severity(), n);
                }
            } catch (RuntimeException ex) {
                e.getValue().addAndGet(n);
                throw ex;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("compose statistics not written yet (kept for the next try): {}", e.getClass().getSimpleName());
        }
    }

    /** The stored daily counts for the follow-up statistics, with what is still in memory written first. */
    public StatsSource.Compose statistics() {
        return new StatsSource.Compose() {
            @Override
            public List<StatsSource.ComposeDay> days(LocalDate from, LocalDate to) {
                flush();
                return repository.days(from, to).stream().map(d -> new StatsSource.ComposeDay(d.day(),
                        d.checks(), d.warned(), d.blocked())).toList();
            }

            @Override
            public List<StatsSource.RuleCount> rules(LocalDate from, LocalDate to) {
                flush();
                return repository.rules(from, to).stream().map(r -> new StatsSource.RuleCount(r.day(),
                        r.rule(), r.severity(), r.findings())).toList();
            }
        };
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
