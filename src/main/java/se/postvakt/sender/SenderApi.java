package se.postvakt.sender;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.Role;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiModule;
import se.postvakt.web.Json;

/**
 * {@code /api/v1/sender}: the sender check for the read pane, one-click reports to IT, and for IT the list of
 * reports and the daily check counts.
 */
public final class SenderApi implements ApiModule, AutoCloseable {
    private final SenderCheck check;
    private final SenderStats stats;
    private final SenderReports reports;
    private final SenderRepository repository;
    private final Supplier<ZoneId> zone;

    public SenderApi(SenderCheck check, SenderStats stats, SenderReports reports, SenderRepository repository, Supplier<ZoneId> zone) {
        this.check = check;
        this.stats = stats;
        this.reports = reports;
        this.repository = repository;
        this.zone = zone;
    }

    /** Builds the module and its parts; counts are written every five seconds. */
    public static SenderApi create(PolicyStore policy, StaffDirectory staff, Sql sql, ReportNotifier notifier, Clock clock) {
        // the organisation's zone as the policy says now, so a change applies without a restart
        Supplier<ZoneId> zone = () -> policy.current().timeZone();
        SenderRepository repo = new SenderRepository(sql);
        return new SenderApi(new SenderCheck(new SenderRulesSource(policy, staff)),
                new SenderStats(repo, clock, zone, 5), new SenderReports(repo, notifier, policy, clock), repo, zone);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/sender/check", ctx -> {
            CheckRequest req = Json.body(ctx, CheckRequest.class);
            SenderCheck.Result result = check.check(req.input(), req.english());
            stats.record(result);
            Json.respond(ctx, result);
        }, Role.STAFF);
        routes.post("/api/v1/sender/report", ctx -> {
            SenderReports.ReportRequest req = Json.body(ctx, SenderReports.ReportRequest.class);
            ctx.status(202).json(reports.report(AccessCheck.principal(ctx).upn(), req));
        }, Role.STAFF);
        routes.get("/api/v1/sender/reports", this::listReports, Role.ADMIN);
        routes.get("/api/v1/sender/stats", ctx -> {
            LocalDate to = date(ctx, "to", LocalDate.now(zone.get()));
            LocalDate from = date(ctx, "from", to.minusDays(30));
            stats.flush();
            ctx.json(Map.of("from", from, "to", to, "days", repository.daily(from, to)));
        }, Role.ADMIN);
    }

    private void listReports(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n == null || n > 0 && n <= 200, "must be 1 to 200")
                .getOrDefault(50);
        Long before = ctx.queryParam("before") == null ? null
                : ctx.queryParamAsClass("before", Long.class).check(n -> n > 0, "must be a report id").get();
        LocalDate fromDay = date(ctx, "from", null);
        LocalDate toDay = date(ctx, "to", null);
        ZoneId z = zone.get();
        Instant from = fromDay == null ? null : fromDay.atStartOfDay(z).toInstant();
        Instant to = toDay == null ? null : toDay.plusDays(1).atStartOfDay(z).toInstant();
        int offset = ctx.queryParamAsClass("offset", Integer.class).check(n -> n == null || n >= 0, "must be 0 or more")
                .getOrDefault(0);
        List<SenderReport> page = reports.list(new SenderRepository.ReportFilter(from, to, part(ctx, "sender"),
                part(ctx, "reporter"), before, offset), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reports", page);
        out.put("nextBefore", page.size() == limit ? page.get(page.size() - 1).id() : null);
        ctx.json(out);
    }

    /** A free-text filter: null when absent or blank. */
    private static String part(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** A {@code yyyy-mm-dd} query parameter (inclusive), or the fallback when it is absent. */
    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeException e) {
            throw ApiException.field(name, "must be a date like 2026-01-31");
        }
    }

    /** Daily counts for the follow-up statistics. */
    public se.postvakt.stats.StatsSource.Sender statistics() {
        return new SenderDaily(repository, stats, zone);
    }

    @Override
    public void close() {
        stats.close();
    }
}
