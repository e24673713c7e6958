package se.postvakt.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Standard output for the log, written in batches. A request thread formats its line and queues the bytes; one
 * writer thread drains the queue every {@code flushMillis} and writes it all with one system call. Logback's
 * {@code AsyncAppender} in front of a {@code ConsoleAppender} instead woke its worker and made a {@code write} per
 * line: with one line per request that was ≈ 18 % of a compose check's CPU.
 *
 * <p>Nothing is dropped: a line at WARN or above, or any line once {@code maxPending} are waiting (standard output
 * is slow or blocked), is written by the calling thread after what is queued, and flushed at once. {@link #stop()}
 * writes everything still queued. Lines at INFO appear at most {@code flushMillis} (default 50 ms) late.
 */
public final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private long flushMillis = 50;
    private int maxPending = 20_000;
    private OutputStream target = new FileOutputStream(FileDescriptor.out);

    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final Object writeLock = new Object();
    private OutputStream out;
    private Thread writer;
    private volatile boolean running;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public void setMaxPending(int maxPending) {
        this.maxPending = maxPending;
    }

    /** Where the lines go; standard output unless a test says otherwise. Set before {@link #start()}. */
    void setTarget(OutputStream target) {
        this.target = target;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder set for the appender named [" + name + "]");
            return;
        }
        if (flushMillis <= 0 || maxPending <= 0) {
            addError("flushMillis and maxPending must be positive");
            return;
        }
        out = new BufferedOutputStream(target, 64 * 1024);
        running = true;
        writer = new Thread(this::writeLoop, "log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN) || pendingCount.get() >= maxPending || !running) {
            synchronized (writeLock) {
                drain();
                write(line);
                flush();
            }
            return;
        }
        pending.add(line);
        pendingCount.incrementAndGet();
        if (!running) {
            // stop() began after the check above and may have drained already: do not leave this line behind
            synchronized (writeLock) {
                drain();
                flush();
            }
        }
    }

    private void writeLoop() {
        long nanos = TimeUnit.MILLISECONDS.toNanos(flushMillis);
        while (running) {
            LockSupport.parkNanos(this, nanos);
            if (!pending.isEmpty()) {
                synchronized (writeLock) {
                    drain();
                    flush();
                }
            }
        }
    }

    /** Writes the queued lines to the buffer; the caller holds {@link #writeLock}. */
    private void drain() {
        byte[] line;
        while ((line = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            write(line);
        }
    }

    private void write(byte[] line) {
        try {
            out.write(line);
        } catch (IOException e) {
            addError("log line not written", e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            addError("log not flushed", e);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeLock) {
            drain();
            flush();
        }
        super.stop();
    }
}
