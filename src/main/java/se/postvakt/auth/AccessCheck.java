package se.postvakt.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;
import se.postvakt.web.ApiException;

/**
 * The one access check: every matched {@code /api/**} route needs a valid bearer token, and the caller must hold at
 * least one of the roles the route declares. A route that declares none is refused, so a forgotten declaration
 * fails closed.
 */
public final class AccessCheck {
    private static final String ATTRIBUTE = "postvakt.principal";

    private final TokenValidator validator;

    public AccessCheck(TokenValidator validator) {
        this.validator = validator;
    }

    /** Before every {@code /api} request, matched or not: a valid token is needed even to learn a route is absent. */
    public void authenticate(Context ctx) {
        if (ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
            // A CORS preflight carries no token by design; it learns only which headers it may send.
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204).skipRemainingHandlers();
            return;
        }
        String header = ctx.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        } else if (header != null) {
            throw new AuthException("invalid_request", "Authorization header must use the Bearer scheme");
        }
        ctx.attribute(ATTRIBUTE, validator.validate(token));
    }

    /** Before a matched {@code /api} route: the caller must hold one of the roles the route declares. */
    public void authorise(Context ctx) {
        Principal principal = principal(ctx);
        Set<RouteRole> required = ctx.routeRoles();
        if (required.isEmpty()) {
            throw ApiException.forbidden("this route declares no roles");
        }
        for (RouteRole r : required) {
            if (r instanceof Role role && principal.has(role)) {
                return;
            }
        }
        throw ApiException.forbidden("this action needs one of the roles " + required.stream()
                .map(r -> ((Role) r).appRole() == null ? "signed-in user" : ((Role) r).appRole()).sorted().toList());
    }

    /** The caller of a request that passed the access check. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new AuthException("invalid_request", "missing bearer token");
        }
        return p;
    }
}
