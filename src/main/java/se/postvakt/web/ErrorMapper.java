package se.postvakt.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.auth.AuthException;
import se.postvakt.db.DataException;
import se.postvakt.graph.GraphException;

/**
 * Throw, map once: every exception becomes the one JSON error shape. Unexpected failures are logged with their
 * stack trace on the server and answered with a short message; nothing internal reaches the client.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    static final String CONTENT_TYPE = "application/problem+json";

    private ErrorMapper() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.getMessage(), e.errors()));
        routes.exception(AuthException.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"" + e.error() + "\", error_description=\""
                    + e.getMessage().replace("\"", "'") + "\"");
            write(ctx, 401, e.getMessage(), List.of());
        });
        routes.exception(ValidationException.class, (e, ctx) -> {
            List<ApiException.FieldError> errors = new ArrayList<>();
            e.getErrors().forEach((field, list) -> list.forEach(err ->
                    errors.add(new ApiException.FieldError(field, err.getMessage()))));
            write(ctx, 400, errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : "invalid parameters", errors);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), e.getMessage(), List.of()));
        routes.exception(GraphException.class, (e, ctx) -> {
            int status = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case NOT_CONFIGURED, THROTTLED, UNAVAILABLE -> 503;
                case FORBIDDEN, REJECTED -> 502;
            };
            if (e.retryAfter() != null) {
                ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            }
            if (status == 502) {
                LOG.warn("Graph refused {} {}: {}", ctx.method(), routeOf(ctx), e.getMessage());
            }
            write(ctx, status, "Microsoft Graph: " + e.getMessage(), List.of());
        });
        routes.exception(DataException.class, (e, ctx) -> {
            LOG.error("database failure on {} {}", ctx.method(), routeOf(ctx), e);
            write(ctx, 503, "the database is not available; try again shortly", List.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), routeOf(ctx), e);
            write(ctx, 500, "internal error; it has been logged", List.of());
        });
        for (int status : new int[] {404, 405, 413, 415}) {
            routes.error(status, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !isProblem(ctx)) {
                    write(ctx, status, status == 404 ? "no such resource: " + ctx.method() + " " + ctx.path()
                            : status == 413 ? "request body is too large" : ErrorBody.title(status), List.of());
                }
            });
        }
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(CONTENT_TYPE);
    }

    public static void write(Context ctx, int status, String detail, List<ApiException.FieldError> errors) {
        ctx.status(status);
        ctx.result(writeJson(ErrorBody.of(status, detail, errors)));
        ctx.contentType(CONTENT_TYPE);
    }

    private static String writeJson(ErrorBody body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (Exception e) {
            return "{\"title\":\"Internal Server Error\",\"status\":500}";
        }
    }

    /** The route template (never the concrete path, which may hold identifiers). */
    public static String routeOf(Context ctx) {
        try {
            var matched = ctx.endpoints().matchedHttpEndpoint();
            return matched == null ? "(unmatched)" : matched.path;
        } catch (RuntimeException e) {
            return "(unmatched)";
        }
    }
}
