package se.postvakt.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import se.postvakt.config.AppConfig;

/**
 * The web pages for IT ({@code /admin}) and managers ({@code /manager}): their index pages with or without the
 * trailing slash, and {@code /auth-config.json}, the public sign-in settings the pages need before they have a token
 * (client id, authority, API scope, whether dev tokens are accepted). Nothing secret is in it.
 */
public final class Pages implements ApiModule {
    private final Map<String, Object> authConfig;
    private final Map<String, String> indexPages = Map.of("admin", AddinFiles.read("static/admin/index.html"),
            "manager", AddinFiles.read("static/manager/index.html"));

    public Pages(AppConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        String audience = config.authAudience().isBlank() && !config.clientId().isBlank()
                ? "api://" + config.clientId() : config.authAudience();
        m.put("clientId", config.clientId());
        m.put("tenantId", config.tenantId());
        m.put("authority", config.tenantId().isBlank() ? "" : config.entraAuthority());
        m.put("apiScope", audience.isBlank() ? "" : audience + "/access_as_user");
        m.put("devMode", config.authDevMode());
        this.authConfig = Map.copyOf(m);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/auth-config.json", ctx -> ctx.header("Cache-Control", "no-cache").json(authConfig));
        for (String page : new String[] {"admin", "manager"}) {
            // The router ignores trailing slashes, so one route sees both forms; relative URLs in the page need the slash.
            String html = indexPages.get(page);
            routes.get("/" + page, ctx -> index(ctx, page, html));
        }
    }

    private static void index(Context ctx, String page, String html) {
        if (!ctx.path().endsWith("/")) {
            String query = ctx.queryString();
            ctx.redirect("/" + page + "/" + (query == null ? "" : "?" + query), HttpStatus.FOUND);
            return;
        }
        ctx.header("Cache-Control", "no-cache").html(html);
    }
}
