package se.postvakt.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per request: method, route template, status and milliseconds. Never the path
 * with its parameters, the query string, headers or the body.
 *
 * <p>This runs on every request, so it is kept cheap: the timer of each (method, route, status) is registered once
 * and then looked up by its key, and the milliseconds are written without {@link String#format} (which builds a
 * {@code Formatter} and locale symbols per call and cost more than the compose check itself under load).
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("se.postvakt.request");
    private final MeterRegistry registry;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String method, String route, int status) {
    }

    public RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    public void handle(Context ctx, Float ms) {
        String route = ErrorMapper.routeOf(ctx);
        int status = ctx.status().getCode();
        if ("(unmatched)".equals(route) && status < 400) {
            route = "(static)";
        }
        String method = method(ctx.req().getMethod());
        timers.computeIfAbsent(new TimerKey(method, route, status), this::timer)
                .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
        if (!"/health".equals(route) && !"/metrics".equals(route) && LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms", method, route, status, oneDecimal(ms));
        }
    }

    /**
     * The request's own method from a fixed set. Not {@code ctx.method()}: it honours X-HTTP-Method-Override and makes
     * up a type for any name, so a client could grow the timers and the metrics page without limit.
     */
    static String method(String m) {
        return switch (m == null ? "" : m) {
            case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" -> m;
            default -> "OTHER";
        };
    }

    private Timer timer(TimerKey k) {
        return Timer.builder("http.server.requests").description("HTTP requests by route template")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .publishPercentileHistogram(false).publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** {@code ms} rounded half up to one decimal, as {@code "%.1f"} in the root locale writes it. */
    static String oneDecimal(float ms) {
        if (!Float.isFinite(ms) || ms < 0 || ms >= 1e12f) {
            return String.format(java.util.Locale.ROOT, "%.1f", ms);
        }
        long tenths = Math.round(ms * 10.0);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
