package se.postvakt.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per request: method, route template, status and milliseconds. Never the path
 * with its parameters, the query string, headers or the body.
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("se.postvakt.request");
    private final MeterRegistry registry;

    public RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    public void handle(Context ctx, Float ms) {
        String route = ErrorMapper.routeOf(ctx);
        if ("(unmatched)".equals(route) && ctx.status().getCode() < 400) {
            route = "(static)";
        }
        int status = ctx.status().getCode();
        Timer.builder("http.server.requests").description("HTTP requests by route template")
                .tag("method", ctx.method().name()).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram(false).publishPercentiles(0.5, 0.99)
                .register(registry).record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
        if (!"/health".equals(route) && !"/metrics".equals(route)) {
            LOG.info("{} {} {} {}ms", ctx.method(), route, status, String.format(java.util.Locale.ROOT, "%.1f", ms));
        }
    }
}
