package se.postvakt.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries one Graph call politely, replacing the SDK's own retry handler so the waits are ours to bound: 429 waits
 * exactly what Retry-After says; 503, 504 and timeouts back off exponentially with jitter. Writes that may already
 * have happened (a POST that timed out or got 504) are not repeated, so a report is never sent twice.
 */
final class PoliteRetry implements Interceptor {
    /** POSTs that only read, safe to repeat. */
    private static final Set<String> READING_POSTS = Set.of("getMailTips", "$batch");

    private final GraphSettings settings;

    PoliteRetry(GraphSettings settings) {
        this.settings = settings;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean repeatable = !"POST".equals(request.method()) || READING_POSTS.contains(lastSegment(request));
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= settings.maxRetries();
            Response response;
            try {
                response = chain.proceed(attempt == 0 ? request
                        : request.newBuilder().header("Retry-Attempt", Integer.toString(attempt)).build());
            } catch (InterruptedIOException | ConnectException e) {
                if (last || chain.call().isCanceled() || !(repeatable || e instanceof ConnectException)) {
                    throw e;
                }
                sleep(backoff(settings, attempt));
                continue;
            }
            int code = response.code();
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            boolean retryable = code == 429 || code == 503 || (code == 504 && repeatable);
            if (!retryable || last || (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter()) > 0)) {
                return response;
            }
            response.close();
            sleep(retryAfter != null ? retryAfter : backoff(settings, attempt));
        }
    }

    /** Exponential with equal jitter: half the step is fixed, half random, so parallel callers spread out. */
    static Duration backoff(GraphSettings settings, int attempt) {
        long step = Math.min(settings.maxDelay().toMillis(), settings.baseDelay().toMillis() << Math.min(attempt, 20));
        long half = step / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    /** Retry-After is either seconds or an HTTP date. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private static String lastSegment(Request request) {
        var segments = request.url().pathSegments();
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    private static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
