package se.postvakt.compose;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.Role;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiModule;
import se.postvakt.web.Json;

/** {@code POST /api/v1/compose/check} for any signed-in user: the live check of a message being written. */
public final class ComposeApi implements ApiModule {
    private final ComposeChecker checker;

    public ComposeApi(PolicyStore policy, GroupSizeLookup groups, ComposeStats stats, Clock clock) {
        this.checker = new ComposeChecker(policy, groups, stats, clock);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/compose/check", ctx -> {
            ComposeRequest request = Json.body(ctx, ComposeRequest.class);
            Json.respond(ctx, checker.check(request, AccessCheck.principal(ctx).upn()));
        }, Role.STAFF);
    }
}
