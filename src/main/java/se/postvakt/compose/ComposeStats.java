package se.postvakt.compose;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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

    /**
     * One day's counters. Checks only add to {@link LongAdder}s (no contention between request threads, no key
     * objects per check); the rules' counters are created on first use and kept for the day.
     */
    private static final class Day {
        final LocalDate day;
        final LongAdder checks = new LongAdder();
        final LongAdder warned = new LongAdder();
        final LongAdder blocked = new LongAdder();
        /** Per rule id, one counter per {@link Severity} ordinal. */
        final Map<String, LongAdder[]> findings = new ConcurrentHashMap<>();

        Day(LocalDate day) {
            this.day = day;
        }

        void add(Finding f) {
            LongAdder[] bySeverity = findings.get(f.rule());
            if (bySeverity == null) {
                bySeverity = findings.computeIfAbsent(f.rule(), r -> {
                    LongAdder[] a = new LongAdder[Severity.values().length];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = new LongAdder();
                    }
                    return a;
                });
            }
            bySeverity[f.severity().ordinal()].increment();
        }
    }

    private final ComposeStatsRepository repository;
    private final Map<LocalDate, Day> days = new ConcurrentHashMap<>();
    /** The day most checks add to, looked up without hashing a date. */
    private volatile Day current;
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

    /** Counts one check: cheap, no I/O. */
    void record(LocalDate day, Severity verdict, List<Finding> findings) {
        Day d = current;
        if (d == null || !d.day.equals(day)) {
            d = days.computeIfAbsent(day, Day::new);
            current = d;
        }
        d.checks.increment();
        if (verdict == Severity.WARN) {
            d.warned.increment();
        } else if (verdict == Severity.BLOCK) {
            d.blocked.increment();
        }
        for (Finding f : findings) {
            d.add(f);
        }
    }

    /** Writes what has been counted since the last flush. */
    public synchronized void flush() {
        LocalDate latest = LocalDate.MIN;
        for (LocalDate day : days.keySet()) {
            latest = day.isAfter(latest) ? day : latest;
        }
        for (Day d : days.values()) {
            boolean empty = writeChecks(d);
            for (Map.Entry<String, LongAdder[]> e : d.findings.entrySet()) {
                LongAdder[] bySeverity = e.getValue();
                for (Severity sev : Severity.values()) {
                    empty &= writeFindings(d.day, e.getKey(), sev, bySeverity[sev.ordinal()]);
                }
            }
            // only past days are dropped once written out: a check may be adding to today's right now
            if (empty && d.day.isBefore(latest)) {
                days.remove(d.day, d);
                if (current == d) {
                    current = null;
                }
            }
        }
    }

    /** Writes the day's check counts; true when there was nothing to write. */
    private boolean writeChecks(Day d) {
        long checks = d.checks.sumThenReset();
        long warned = d.warned.sumThenReset();
        long blocked = d.blocked.sumThenReset();
        if (checks == 0 && warned == 0 && blocked == 0) {
            return true;
        }
        try {
            repository.addChecks(d.day, checks, warned, blocked);
        } catch (RuntimeException ex) {
            d.checks.add(checks);
            d.warned.add(warned);
            d.blocked.add(blocked);
            throw ex;
        }
        return false;
    }

    /** Writes one rule's count at one severity; true when there was nothing to write. */
    private boolean writeFindings(LocalDate day, String rule, Severity severity, LongAdder counter) {
        long n = counter.sumThenReset();
        if (n == 0) {
            return true;
        }
        try {
            repository.addFindings(day, rule, severity.wire(), n);
        } catch (RuntimeException ex) {
            counter.add(n);
            throw ex;
        }
        return false;
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
