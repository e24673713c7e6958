package se.postvakt.sender;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.sender.SenderRepository.DailyKey;

/**
 * Counts sender checks per day, verdict and reason code in memory and adds them to the database every few seconds,
 * so a check never waits for a write. No addresses or names are counted. {@link #close()} writes what is left.
 */
public final class SenderStats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SenderStats.class);

    private final SenderRepository repository;
    private final Clock clock;
    private final Supplier<ZoneId> zone;
    private final ConcurrentHashMap<DailyKey, LongAdder> counters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public SenderStats(SenderRepository repository, Clock clock, Supplier<ZoneId> zone, long flushSeconds) {
        this.repository = repository;
        this.clock = clock;
        this.zone = zone;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sender-stats-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    /** Counts one check: once for the verdict, once per reason code. */
    public void record(SenderCheck.Result result) {
        LocalDate day = LocalDate.now(clock.withZone(zone.get()));
        String verdict = result.verdict().wire();
        add(new DailyKey(day, verdict, ""), 1);
        for (SenderCheck.Reason r : result.reasons()) {
            add(new DailyKey(day, verdict, r.code()), 1);
        }
    }

    private void add(DailyKey key, long n) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** Writes the counts gathered so far; on failure they are kept for the next attempt. */
    public synchronized void flush() {
        Map<DailyKey, Long> batch = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(zone.get()));
        counters.forEach((k, adder) -> {
            long n = adder.sumThenReset();
            if (n != 0) {
                batch.put(k, n);
            } else if (k.day().isBefore(today)) {
                counters.remove(k, adder);
            }
        });
        try {
            repository.addDaily(batch);
        } catch (RuntimeException e) {
            batch.forEach(this::add);
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("sender check counts not written yet, will retry: {}", e.toString());
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
