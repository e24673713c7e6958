package se.postvakt.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.postvakt.Postvakt;
import se.postvakt.config.ConfigLoader;
import se.postvakt.graph.GraphGateway;
import se.postvakt.stats.StatsSources;

/**
 * A real Postvakt in dev mode on a free loopback port with an in-memory H2, and Debian's headless Chromium driven
 * by Playwright. Pages are opened signed in with a dev token (as a person pasting it would). JavaScript errors on a
 * page are collected so tests can fail on them.
 */
final class BrowserHarness implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final Postvakt server;
    private final Playwright playwright;
    private final Browser browser;
    final List<String> pageErrors = new ArrayList<>();

    private final boolean ownsServer;

    /** A dev-mode server of its own with the given statistics sources (null: the features' own counts). */
    BrowserHarness(StatsSources stats) {
        this(null, stats);
    }

    /** A dev-mode server of its own talking to {@code graph} (null: Graph not configured). */
    BrowserHarness(GraphGateway graph, StatsSources stats) {
        this(Postvakt.start(ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "127.0.0.1", "PORT", "0",
                "DATABASE_URL", "jdbc:h2:mem:pages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "ORG_DOMAINS", "mjolby.se"), null),
                Clock.systemUTC(), graph, stats), true);
    }

    /** A browser for a server someone else runs and closes. */
    BrowserHarness(Postvakt server, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=sv-SE")));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A fresh browser context (laptop-sized, Swedish) signed in as staff, manager or admin (null: nobody), not yet navigated. */
    Page page(String who) {
        BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("sv-SE")
                .setTimezoneId("Europe/Stockholm"));
        ctx.setDefaultTimeout(15_000);
        if (who != null) {
            ctx.addInitScript("sessionStorage.setItem('postvakt.devToken', '" + server.devToken(who) + "');");
        }
        Page page = ctx.newPage();
        page.onPageError(e -> pageErrors.add(e));
        page.onConsoleMessage(m -> {
            // An HTTP error status the page handles shows as "Failed to load resource"; that is not a script error.
            if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
                pageErrors.add(m.text());
            }
        });
        return page;
    }

    /** Fails on any JavaScript error the pages reported since the last call. */
    void assertNoScriptErrors() {
        List<String> errors = List.copyOf(pageErrors);
        pageErrors.clear();
        org.junit.jupiter.api.Assertions.assertTrue(errors.isEmpty(), "JavaScript errors: " + errors);
    }

    /** Calls the API as staff, manager or admin (the dev tokens) and fails unless it answers 2xx. */
    com.fasterxml.jackson.databind.JsonNode api(String method, String path, String body, String who) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                .header("Authorization", "Bearer " + server.devToken(who)).header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertTrue(res.statusCode() < 300, res.statusCode() + " " + res.body());
        return Json.MAPPER.readTree(res.body());
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** What is on screen only, for long pages scrolled to the part under test. */
    static void screenshotView(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        if (ownsServer) {
            server.close();
        }
    }
}
