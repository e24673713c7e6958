package se.postvakt.web;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import se.postvakt.db.Database;

/** {@code /health}, {@code /health/ready} and {@code /metrics}; open without a token, as probes need. */
public final class Health implements ApiModule {
    private final Database db;
    private final PrometheusMeterRegistry metrics;
    private final Map<String, Object> features;

    public Health(Database db, PrometheusMeterRegistry metrics, Map<String, Object> features) {
        this.db = db;
        this.metrics = metrics;
        this.features = features;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            boolean up = db.reachable();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("database", Map.of("status", up ? "UP" : "DOWN", "type", db.isPostgres() ? "postgresql" : "h2"));
            body.put("features", features);
            ctx.json(body);
        });
        routes.get("/health/ready", ctx -> {
            boolean ready = db.ready();
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "READY" : "NOT_READY",
                    "database", ready ? "reachable and migrated" : "unreachable or not migrated"));
        });
        routes.get("/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.scrape());
        });
    }
}
