package se.postvakt.audit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import se.postvakt.auth.Role;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiModule;

/** {@code GET /api/v1/audit?mailbox=&askedBy=&action=&absenceId=&from=&to=&limit=}: IT only. */
public final class AuditApi implements ApiModule {
    private final AuditLog log;

    public AuditApi(AuditLog log) {
        this.log = log;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/audit", ctx -> {
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n == null || (n > 0 && n <= 1000), "must be 1 to 1000")
                    .getOrDefault(200);
            int offset = ctx.queryParamAsClass("offset", Integer.class).check(n -> n == null || n >= 0, "must be 0 or more")
                    .getOrDefault(0);
            AuditLog.Filter f = new AuditLog.Filter(lower(ctx.queryParam("mailbox")), lower(ctx.queryParam("askedBy")),
                    blankToNull(ctx.queryParam("action")), blankToNull(ctx.queryParam("absenceId")),
                    instant(ctx, "from"), instant(ctx, "to"), limit, offset);
            ctx.json(Map.of("events", log.find(f)));
        }, Role.ADMIN);
    }

    private static Instant instant(Context ctx, String name) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                // A plain date covers that whole day: "to" means up to the end of it.
                java.time.LocalDate d = java.time.LocalDate.parse(v);
                return (name.equals("to") ? d.plusDays(1) : d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.field(name, "must be a date (2026-12-01) or an ISO-8601 date-time with offset, e.g. 2026-12-01T08:00:00+01:00");
        }
    }

    private static String lower(String v) {
        String s = blankToNull(v);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
