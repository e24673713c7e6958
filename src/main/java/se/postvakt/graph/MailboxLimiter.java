package se.postvakt.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * At most N requests in flight per mailbox (Exchange Online allows 4 concurrent requests per app and mailbox and
 * answers more with 429). The mailbox is the {@code users/{id}} segment of the URL; a permit is held for one attempt
 * only, not while a retry waits.
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
        Semaphore s = perMailbox.get(mailbox, k -> new Semaphore(permits, true));
        try {
            if (!s.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedIOException("mailbox busy: " + permits + " requests already in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a mailbox slot");
        }
        try {
            return chain.proceed(chain.request());
        } finally {
            s.release();
        }
    }

    /** The lower-cased id or UPN after {@code users}, or null for calls not aimed at one mailbox. */
    static String mailboxOf(List<String> segments) {
        int i = segments.indexOf("users");
        return i >= 0 && i + 1 < segments.size() && !segments.get(i + 1).isEmpty()
                ? segments.get(i + 1).toLowerCase(Locale.ROOT) : null;
    }
}
