package se.postvakt.graph;

import java.net.URI;
import java.time.Duration;

/**
 * How Postvakt talks to Graph: where, how patiently and how politely. Production uses {@link #defaults(String)};
 * tests shrink the waits so retries and back-off run in milliseconds.
 *
 * @param baseUrl              Graph root ending in {@code /v1.0} or {@code /beta}
 * @param tokenScope           the app-only scope, {@code https://graph.microsoft.com/.default} in the global cloud
 * @param maxRetries           retries after the first attempt for 429, 503, 504 and timeouts
 * @param baseDelay            first back-off step; doubled each retry, with full jitter
 * @param maxDelay             ceiling of one back-off step
 * @param maxRetryAfter        a longer Retry-After than this is not waited for: the call fails THROTTLED at once
 * @param requestTimeout       connect and read timeout of one attempt
 * @param callTimeout          ceiling of one call including its retries
 * @param perMailboxConcurrency requests in flight per mailbox (Exchange allows 4)
 * @param batchSize            parts per {@code $batch} (Graph allows 20)
 * @param userCacheTtl         how long user and manager look-ups are reused
 * @param groupSizeTtl         how long a group's member count is reused
 * @param lookupTimeout        the wait for a group size on the send path before answering with what is known
 * @param staffRefresh         how often the staff name list is reloaded in the background
 */
public record GraphSettings(String baseUrl, String tokenScope, int maxRetries, Duration baseDelay, Duration maxDelay,
                            Duration maxRetryAfter, Duration requestTimeout, Duration callTimeout,
                            int perMailboxConcurrency, int batchSize, Duration userCacheTtl, Duration groupSizeTtl,
                            Duration lookupTimeout, Duration staffRefresh) {
    public static final String GLOBAL_SCOPE = "https://graph.microsoft.com/.default";

    public GraphSettings {
        if (!baseUrl.endsWith("/v1.0") && !baseUrl.endsWith("/beta")) {
            // The SDK's $batch cuts the version off by length; anything else yields wrong part URLs.
            throw new IllegalArgumentException("Graph base URL must end in /v1.0 or /beta: " + baseUrl);
        }
        if (perMailboxConcurrency < 1 || batchSize < 1 || batchSize > 20 || maxRetries < 0) {
            throw new IllegalArgumentException("perMailboxConcurrency >= 1, 1 <= batchSize <= 20, maxRetries >= 0");
        }
    }

    /** Production values for the Graph at {@code baseUrl}; the token scope follows the cloud of that host. */
    public static GraphSettings defaults(String baseUrl) {
        return new GraphSettings(baseUrl, scopeFor(baseUrl), 4, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(90), 4, 20, Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofMillis(800), Duration.ofMinutes(30));
    }

    /** National clouds have their own Graph host (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, ...). */
    static String scopeFor(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return "https".equals(uri.getScheme()) && uri.getHost() != null ? "https://" + uri.getHost() + "/.default"
                : GLOBAL_SCOPE;
    }

    public GraphSettings withRetries(int retries, Duration base, Duration max) {
        return new GraphSettings(baseUrl, tokenScope, retries, base, max, maxRetryAfter, requestTimeout, callTimeout,
                perMailboxConcurrency, batchSize, userCacheTtl, groupSizeTtl, lookupTimeout, staffRefresh);
    }

    public GraphSettings withTimeouts(Duration request, Duration call) {
        return new GraphSettings(baseUrl, tokenScope, maxRetries, baseDelay, maxDelay, maxRetryAfter, request, call,
                perMailboxConcurrency, batchSize, userCacheTtl, groupSizeTtl, lookupTimeout, staffRefresh);
    }

    public GraphSettings withCaches(Duration users, Duration groupSizes, Duration lookup, Duration staff) {
        return new GraphSettings(baseUrl, tokenScope, maxRetries, baseDelay, maxDelay, maxRetryAfter, requestTimeout,
                callTimeout, perMailboxConcurrency, batchSize, users, groupSizes, lookup, staff);
    }
}
