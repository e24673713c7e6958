package se.postvakt.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.Role;
import se.postvakt.web.ApiModule;
import se.postvakt.web.Json;

/** {@code /api/v1/policy}: read for everyone signed in, write and history for IT. */
public final class PolicyApi implements ApiModule {
    private final PolicyStore store;

    public PolicyApi(PolicyStore store) {
        this.store = store;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/policy", ctx -> ctx.json(store.current().toJson()), Role.STAFF);
        routes.put("/api/v1/policy", ctx -> {
            JsonNode body = Json.body(ctx, JsonNode.class);
            ctx.json(store.update(body, AccessCheck.principal(ctx).upn()).toJson());
        }, Role.ADMIN);
        routes.get("/api/v1/policy/history", ctx -> {
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n == null || n > 0 && n <= 500, "must be 1 to 500")
                    .getOrDefault(50);
            ctx.json(Map.of("versions", store.history(limit)));
        }, Role.ADMIN);
        routes.get("/api/v1/policy/schema", ctx -> ctx.json(Map.of("fields", schemaView())), Role.ADMIN);
    }

    private List<Map<String, Object>> schemaView() {
        return store.schema().fields().stream().map(f -> Map.<String, Object>of(
                "path", f.path(), "section", f.section(), "kind", f.kind().name().toLowerCase(),
                "default", f.defaultValue(), "labelSv", f.labelSv(), "labelEn", f.labelEn(),
                "choices", f.choices(), "maxLength", f.maxLength())).toList();
    }
}
