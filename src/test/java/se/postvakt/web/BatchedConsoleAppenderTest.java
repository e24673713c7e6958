package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batched standard-output appender: every line arrives once, in order per thread, and WARN is not delayed. */
class BatchedConsoleAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final Output output = new Output();
    private BatchedConsoleAppender appender;

    /** A synchronised sink that counts the writes that reach it, as the system calls would be. */
    static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int writes;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            writes++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            writes++;
        }

        synchronized List<String> lines() {
            String all = bytes.toString(StandardCharsets.UTF_8);
            return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
        }

        synchronized int writes() {
            return writes;
        }
    }

    private Logger logger(long flushMillis, int maxPending) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        appender = new BatchedConsoleAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setFlushMillis(flushMillis);
        appender.setMaxPending(maxPending);
        appender.setTarget(output);
        appender.start();
        Logger log = context.getLogger("test");
        log.setAdditive(false);
        log.setLevel(Level.INFO);
        log.addAppender(appender);
        return log;
    }

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
    }

    @Test
    void info_lines_arrive_within_the_flush_interval_in_one_write() throws Exception {
        Logger log = logger(50, 10_000);
        for (int i = 0; i < 500; i++) {
            log.info("line {}", i);
        }
        assertEquals(List.of(), output.lines(), "INFO is batched, not written by the logging thread");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (output.lines().size() < 500 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = output.lines();
        assertEquals(500, lines.size());
        for (int i = 0; i < 500; i++) {
            assertEquals("INFO line " + i, lines.get(i));
        }
        assertTrue(output.writes() <= 3, "500 lines should reach the output in a few writes, took " + output.writes());
    }

    @Test
    void a_warning_is_written_at_once_after_what_was_queued_before_it() {
        Logger log = logger(60_000, 10_000);
        log.info("first");
        log.info("second");
        log.warn("trouble");
        assertEquals(List.of("INFO first", "INFO second", "WARN trouble"), output.lines());
    }

    @Test
    void a_full_queue_makes_the_caller_write_instead_of_dropping() {
        Logger log = logger(60_000, 10);
        for (int i = 0; i < 25; i++) {
            log.info("n{}", i);
        }
        List<String> lines = output.lines();
        assertTrue(lines.size() >= 10, "the queue holds at most 10 lines: " + lines.size() + " written");
        appender.stop();
        lines = output.lines();
        assertEquals(25, lines.size());
        for (int i = 0; i < 25; i++) {
            assertEquals("INFO n" + i, lines.get(i));
        }
    }

    @Test
    void stop_writes_everything_from_many_threads_exactly_once() throws Exception {
        Logger log = logger(5, 500);
        int threads = 8;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    log.info("t{} {}", id, i);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        appender.stop();
        List<String> lines = output.lines();
        assertEquals(threads * each, lines.size());
        Set<String> unique = new HashSet<>(lines);
        assertEquals(threads * each, unique.size(), "no line twice");
        int[] next = new int[threads];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int t = Integer.parseInt(parts[1].substring(1));
            assertEquals(next[t]++, Integer.parseInt(parts[2]), "lines of one thread keep their order");
        }
    }

    @Test
    void the_service_logs_through_it() {
        LoggerContext running = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var root = running.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var it = root.iteratorForAppenders();
        List<String> kinds = new ArrayList<>();
        while (it.hasNext()) {
            var a = it.next();
            kinds.add(a.getClass().getSimpleName());
            if (a instanceof BatchedConsoleAppender b) {
                assertTrue(b.isStarted());
            }
        }
        assertTrue(kinds.contains("BatchedConsoleAppender"), kinds.toString());
    }
}
