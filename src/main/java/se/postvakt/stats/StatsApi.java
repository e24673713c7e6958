package se.postvakt.stats;

import io.javalin.config.RoutesConfig;
import se.postvakt.auth.Role;
import se.postvakt.web.ApiModule;

/** {@code GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD}: daily counts for IT's follow-up, aggregates only. */
public final class StatsApi implements ApiModule {
    private final StatsService service;

    public StatsApi(StatsService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/stats", ctx -> ctx.json(service.report(
                StatsRange.parse(ctx.queryParam("from"), ctx.queryParam("to")))), Role.ADMIN);
    }
}
