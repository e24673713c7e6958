package se.postvakt.directory;

import io.javalin.config.RoutesConfig;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.Principal;
import se.postvakt.auth.Role;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.GraphUser;
import se.postvakt.sender.StaffDirectory;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiModule;

/**
 * Who is on my team, and finding a colleague by name: what the manager page needs to choose a delegate. Team
 * members come from Graph's manager relation; search runs over the cached staff list, so typing costs no Graph call.
 */
public final class DirectoryApi implements ApiModule {
    private static final int MAX_RESULTS = 20;

    private final GraphGateway graph;
    private final StaffDirectory staff;

    public DirectoryApi(GraphGateway graph, StaffDirectory staff) {
        this.graph = graph;
        this.staff = staff;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/directory/team", ctx -> {
            Principal caller = AccessCheck.principal(ctx);
            String manager = ctx.queryParam("manager");
            if (manager != null && !manager.equalsIgnoreCase(caller.upn()) && !caller.isAdmin()) {
                throw ApiException.forbidden("only Postvakt.Admin may list another manager's team");
            }
            ctx.json(Map.of("members", team(manager == null ? caller.upn() : manager)));
        }, Role.MANAGER, Role.ADMIN);
        routes.get("/api/v1/directory/search", ctx -> {
            String q = ctx.queryParam("q");
            if (q == null || q.strip().length() < 2) {
                throw ApiException.field("q", "must be at least 2 characters");
            }
            ctx.json(Map.of("users", search(q)));
        }, Role.STAFF);
    }

    List<Map<String, String>> team(String manager) {
        return graph.directReports(manager).stream().map(DirectoryApi::view).toList();
    }

    List<Map<String, String>> search(String query) {
        String q = fold(query);
        return staff.people().stream()
                .filter(p -> fold(p.name()).contains(q) || p.address().toLowerCase(Locale.ROOT).contains(q))
                .limit(MAX_RESULTS)
                .map(p -> Map.of("displayName", p.name(), "mail", p.address()))
                .toList();
    }

    private static Map<String, String> view(GraphUser u) {
        return Map.of("id", nz(u.id()), "displayName", nz(u.displayName()),
                "mail", nz(u.mail() != null ? u.mail() : u.userPrincipalName()).toLowerCase(Locale.ROOT),
                "jobTitle", nz(u.jobTitle()), "department", nz(u.department()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Lower case without diacritics, so "ostergren" finds "Östergren". */
    static String fold(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
