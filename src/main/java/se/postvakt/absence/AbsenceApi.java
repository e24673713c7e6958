package se.postvakt.absence;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.Map;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.Role;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiModule;
import se.postvakt.web.Json;

/** {@code /api/v1/absences}: register, list, change and end absences; run a pass; see compliance. */
final class AbsenceApi implements ApiModule {
    /** How long an on-demand pass waits for one running elsewhere before it answers that it was skipped. */
    static final Duration RECONCILE_WAIT = Duration.ofSeconds(30);

    private final AbsenceService service;
    private final Reconciler reconciler;

    AbsenceApi(AbsenceService service, Reconciler reconciler) {
        this.service = service;
        this.reconciler = reconciler;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/absences", ctx -> ctx.status(201)
                .json(service.create(AccessCheck.principal(ctx), Json.body(ctx, JsonNode.class))), Role.STAFF);
        routes.get("/api/v1/absences", ctx -> {
            String active = ctx.queryParam("active");
            if (active != null && !active.equals("true") && !active.equals("false")) {
                throw ApiException.field("active", "must be true or false");
            }
            ctx.json(Map.of("absences", service.list(AccessCheck.principal(ctx), ctx.queryParam("user"),
                    active == null ? null : Boolean.valueOf(active))));
        }, Role.STAFF);
        routes.get("/api/v1/absences/compliance", ctx -> ctx.json(service.compliance(AccessCheck.principal(ctx))),
                Role.MANAGER, Role.ADMIN);
        routes.post("/api/v1/absences/reconcile", ctx -> ctx.json(reconciler.runPass(RECONCILE_WAIT)), Role.ADMIN);
        routes.get("/api/v1/absences/reconcile/status", ctx -> ctx.json(reconciler.status()), Role.ADMIN);
        routes.get("/api/v1/absences/{id}", ctx -> ctx.json(service.get(AccessCheck.principal(ctx),
                ctx.pathParam("id"))), Role.STAFF);
        routes.patch("/api/v1/absences/{id}", ctx -> ctx.json(service.update(AccessCheck.principal(ctx),
                ctx.pathParam("id"), Json.body(ctx, JsonNode.class))), Role.STAFF);
        routes.delete("/api/v1/absences/{id}", ctx -> ctx.json(service.end(AccessCheck.principal(ctx),
                ctx.pathParam("id"))), Role.STAFF);
    }
}
