package se.postvakt.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * At most N requests in flight per mailbox (Exchange Online allows 4 concurrent requests per app and mailbox and
 * answers more with 429). The mailbox is the {@code users/{id}} segment of the URL; a permit is held for one attempt
 * only, not while a retry waits. A {@code $batch} takes one slot in every mailbox it reads (see {@link #holding}).
 */
final class MailboxLimiter implements Interceptor {
    private final int permits;
    private final Duration maxWait;
    // Weak values: a semaphore in use is held by its caller; idle ones are collected with no bookkeeping.
    private final Cache<String, Semaphore> perMailbox = Caffeine.newBuilder().weakValues().build();

    MailboxLimiter(int permits, Duration maxWait) {
        this.permits = permits;
        this.maxWait = maxWait;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String mailbox = mailboxOf(chain.request().url().pathSegments());
        if (mailbox == null) {
            return chain.proceed(chain.request());
        }
        return holding(List.of(mailbox), () -> chain.proceed(chain.request()));
    }

    /** Work done while holding a request slot. */
    interface Held<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding one slot in each of the mailboxes (a $batch reads many at once). Slots are taken in
     * sorted order, so two batches never wait on each other in a circle.
     */
    <T> T holding(Collection<String> mailboxes, Held<T> work) throws IOException {
        List<Semaphore> held = new ArrayList<>();
        try {
            for (String m : new TreeSet<>(mailboxes.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList())) {
                Semaphore s = perMailbox.get(m, k -> new Semaphore(permits, true));
                if (!s.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedIOException("mailbox busy: " + permits + " requests already in flight");
                }
                held.add(s);
            }
            return work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a mailbox slot");
        } finally {
            held.forEach(Semaphore::release);
        }
    }

    /** The lower-cased id or UPN after {@code users}, or null for calls not aimed at one mailbox. */
    static String mailboxOf(List<String> segments) {
        int i = segments.indexOf("users");
        return i >= 0 && i + 1 < segments.size() && !segments.get(i + 1).isEmpty()
                ? segments.get(i + 1).toLowerCase(Locale.ROOT) : null;
    }
}
