package se.postvakt.addin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/**
 * The task pane and the sender pane in headless Chromium, served by a real Postvakt, with a stub office.js in place
 * of Microsoft's CDN script. Asserts what a person sees and saves screenshots under target/screenshots/.
 *
 * <p>The panes call the real compose and sender checks; the assertions read what the server answered.
 * The launch-event script calls the API at the public URL; the test forwards that host to the server.
 */
@Tag("browser")
class AddinPagesBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String OFFICE_JS = "https://appsforoffice.microsoft.com/**";
    private static final String PNR = "198501012382";
    /** TestServer's PUBLIC_BASE_URL: the launch-event script calls the API there, so the test sends it to the server. */
    private static final String PUBLIC_BASE = "https://postvakt.test.example";

    private static TestServer server;
    private static String staffToken;
    private static Playwright playwright;
    private static Browser browser;
    private BrowserContext context;
    private final List<Recorded> apiCalls = new CopyOnWriteArrayList<>();

    /** One API request the page made, with what it got back. */
    record Recorded(String path, String authorization, JsonNode body, JsonNode answer) {
    }

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM), "browser tests need Debian's chromium (apt-get install -y chromium); "
                + "exclude them with -Dsurefire.excludedGroups=browser");
        Files.createDirectories(SCREENSHOTS);
        server = new TestServer();
        staffToken = server.keys.staff("anna@mjolby.se");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newContext() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(380, 900).setLocale("sv-SE"));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void task_pane_lists_each_finding_with_masked_matches_and_the_policy_text() {
        Page page = open("/taskpane/taskpane.html", composeOutlook(staffToken(), null));
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        assertThat(page.locator("#status-text")).hasText("Postvakt hittade något att titta på innan du skickar.");
        Recorded call = onlyCall("/api/v1/compose/check");
        assertEquals("Bearer " + staffToken(), call.authorization());
        assertEquals("html", call.body().get("bodyFormat").asText());
        assertTrue(call.body().get("body").asText().contains(PNR));
        assertEquals("distributionList", call.body().get("to").get(1).get("recipientType").asText());
        assertEquals(18_000_000, call.body().get("attachments").get(0).get("size").asLong());
        for (JsonNode f : call.answer().get("findings")) {
            var card = page.locator("article[data-rule='" + f.get("rule").asText() + "']");
            assertThat(card).containsText(f.get("message").asText());
            for (JsonNode m : f.path("matches")) {
                assertThat(card.locator("ul.matches")).containsText(m.get("masked").asText());
            }
        }
        assertThat(page.locator("article[data-rule='personnummer'] blockquote"))
                .containsText("Undvik att skicka personuppgifter t ex personnummer via e-post.");
        assertThat(page.locator("article[data-rule='personnummer'] fluent-badge")).hasText("Varning");
        assertThat(page.locator("body")).not().containsText(PNR);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("taskpane-findings.png")).setFullPage(true));
    }

    @Test
    void task_pane_checks_again_on_request() {
        Page page = open("/taskpane/taskpane.html", composeOutlook(staffToken(), null));
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        // The person removes the number, the large file and the group address, then asks again.
        page.evaluate("() => { const c = window.__outlook.compose; c.body = '<p>Hej! Underlaget kommer i Teams.</p>';"
                + " c.attachments = []; c.to = c.to.slice(0, 1); }");
        page.locator("#recheck").click();
        assertThat(page.locator("#status")).hasAttribute("intent", "success");
        assertThat(page.locator("#status-text")).hasText("Inga problem hittades. Meddelandet följer riktlinjerna.");
        assertThat(page.locator("article")).hasCount(0);
        assertEquals(2, apiCalls.stream().filter(c -> c.path().endsWith("/compose/check")).count());
    }

    @Test
    void task_pane_without_a_token_offers_sign_in_and_checks_after_it() {
        Page page = open("/taskpane/taskpane.html", composeOutlook(null, staffToken()));
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#status-text")).hasText("Du behöver logga in för att Postvakt ska kunna kontrollera meddelandet.");
        assertTrue(apiCalls.isEmpty(), "no call without a token");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("taskpane-sign-in.png")).setFullPage(true));
        page.locator("#signin-button").click();
        assertThat(page.locator("#signin")).isHidden();
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        assertEquals("Bearer " + staffToken(), onlyCall("/api/v1/compose/check").authorization());
    }

    @Test
    void task_pane_speaks_english_on_request_and_asks_for_english_messages() {
        Page page = open("/taskpane/taskpane.html", composeOutlook(staffToken(), null));
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        page.locator("#lang").click();
        assertThat(page.locator("#recheck")).hasText("Check again");
        assertThat(page.locator("#lang")).hasText("Svenska");
        assertThat(page.locator("#status-text")).hasText("Postvakt found something to look at before you send.");
        assertThat(page.locator("article[data-rule='personnummer'] blockquote")).containsText("Avoid sending personal data");
        assertEquals("en", apiCalls.get(apiCalls.size() - 1).body().get("locale").asText());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("taskpane-english.png")).setFullPage(true));
    }

    @Test
    void sender_pane_explains_each_reason_and_reports_to_it() {
        Page page = open("/sender/sender.html", readOutlook());
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        assertThat(page.locator("#status-text"))
                .hasText("Var försiktig: avsändaren kan vara någon annan än den utger sig för att vara.");
        assertThat(page.locator("#sender-line")).hasText(
                "Från: Mjölby kommun IT <it-support@mjolby-se.com> · Svar till: helpdesk.mjolby@gmail.com");
        Recorded call = onlyCall("/api/v1/sender/check");
        assertEquals("it-support@mjolby-se.com", call.body().get("from").get("address").asText());
        assertEquals("helpdesk.mjolby@gmail.com", call.body().get("replyTo").get(0).get("address").asText());
        assertTrue(call.body().get("headers").asText().contains("Authentication-Results:"));
        for (JsonNode r : call.answer().get("reasons")) {
            assertThat(page.locator("article[data-code='" + r.get("code").asText() + "']")).containsText(r.get("message").asText());
        }
        assertThat(page.locator("article[data-code='lookalike-domain'] .why")).containsText("nästan likadan som en domän du litar på");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sender-suspicious.png")).setFullPage(true));

        page.locator("#comment").click();
        page.keyboard().type("Konstig länk");
        page.locator("#report-button").click();
        assertThat(page.locator("#reported")).isVisible();
        assertThat(page.locator("#reported")).containsText("Tack! IT har fått din rapport.");
        Recorded report = onlyCall("/api/v1/sender/report");
        assertEquals("<abc123@mjolby-se.com>", report.body().get("internetMessageId").asText());
        assertEquals("Konstig länk", report.body().get("comment").asText());
        assertEquals("lookalike-domain", report.body().get("reasons").get(0).asText());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sender-reported.png")).setFullPage(true));
    }

    @Test
    void a_refused_request_shows_the_servers_own_explanation_in_the_panes() {
        Page page = open("/sender/sender.html", readOutlook());
        assertThat(page.locator("#status")).hasAttribute("intent", "warning");
        Object message = page.evaluate("async () => { try {"
                + " await Postvakt.api('POST', '/api/v1/sender/check', { from: { name: 'x' } }, await Postvakt.tokenSilently());"
                + " return 'no error'; } catch (e) { return e.message; } }");
        assertEquals("from.address: is required", message);
    }

    @Test
    void launch_event_page_runs_the_handlers_in_a_browser_against_the_public_url() {
        Page page = open("/launchevent/launchevent.html", composeOutlook(staffToken(), null));
        page.waitForFunction("() => Object.keys(window.__handlers).length === 3");
        @SuppressWarnings("unchecked")
        Map<String, Object> send = (Map<String, Object>) page.evaluate(
                "() => new Promise(done => window.__handlers.onMessageSendHandler({ completed: done }))");
        assertEquals(false, send.get("allowEvent"));
        assertEquals("promptUser", send.get("sendModeOverride"));
        assertEquals("PostvaktComposeButton", send.get("commandId"));
        Recorded call = onlyCall("/api/v1/compose/check");
        assertTrue(String.valueOf(send.get("errorMessage")).startsWith("Postvakt hittade något du bör titta på innan du skickar:"));
        for (JsonNode f : call.answer().get("findings")) {
            if (f.get("severity").asText().equals("info")) {
                continue;
            }
            String first = f.get("message").asText().split("(?<=[.!?])\\s")[0];
            assertTrue(String.valueOf(send.get("errorMessage")).contains("• " + first), send.get("errorMessage") + " lists " + first);
        }
        assertEquals("Bearer " + staffToken(), call.authorization());
        assertTrue(call.body().get("body").asText().contains(PNR), "the send gate sends the HTML body");

        page.evaluate("() => new Promise(done => window.__handlers.onMessageRecipientsChangedHandler({ completed: done }))");
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) page.evaluate("() => window.__notifications");
        List<Recorded> checks = apiCalls.stream().filter(c -> c.path().equals("/api/v1/compose/check")).toList();
        assertEquals(2, checks.size());
        assertTrue(checks.get(1).body().path("body").isMissingNode(), "live checks send no body");
        Set<String> expected = new TreeSet<>();
        checks.get(1).answer().get("findings").forEach(f -> expected.add("postvakt-" + f.get("rule").asText()));
        assertEquals(expected, new TreeSet<>(shown.keySet()), "one infobar per finding of the live answer");
    }

    /** Opens a pane of the running server with the stub Outlook, recording every API call the page makes. */
    private Page open(String path, String outlook) {
        Page page = context.newPage();
        page.addInitScript("window.__outlook = " + outlook + ";");
        page.route(OFFICE_JS, r -> r.fulfill(new Route.FulfillOptions().setContentType("text/javascript").setBody(resource("addin/office-stub.js"))));
        page.route(PUBLIC_BASE + "/**", r -> r.fulfill(new Route.FulfillOptions().setResponse(
                r.fetch(new Route.FetchOptions().setUrl(server.baseUrl() + r.request().url().substring(PUBLIC_BASE.length()))))));
        page.onResponse(res -> {
            if (res.url().contains("/api/")) {
                apiCalls.add(new Recorded(res.url().substring(res.url().indexOf("/api/")),
                        res.request().headerValue("authorization"), read(res.request().postData()), read(res.text())));
            }
        });
        page.navigate(server.baseUrl() + path);
        return page;
    }

    private Recorded onlyCall(String path) {
        List<Recorded> calls = apiCalls.stream().filter(c -> c.path().equals(path)).toList();
        assertEquals(1, calls.size(), "calls to " + path + ": " + apiCalls);
        return calls.get(0);
    }


    private static String staffToken() {
        return staffToken;
    }

    /** Outlook with one message being written: a personnummer in the body, a big attachment, a list address. */
    private static String composeOutlook(String token, String signInToken) {
        return json(Map.of("mode", "compose", "language", "sv-SE", "token", token == null ? "" : token,
                "signInToken", signInToken == null ? "" : signInToken,
                "compose", Map.of(
                        "subject", "Underlag till mötet",
                        "body", "<html><body><p>Hej! Personnumret är " + PNR + ".</p></body></html>",
                        "to", List.of(Map.of("emailAddress", "bo@mjolby.se", "displayName", "Bo", "recipientType", "user"),
                                Map.of("emailAddress", "alla@mjolby.se", "displayName", "Alla", "recipientType", "distributionList")),
                        "cc", List.of(), "bcc", List.of(),
                        "attachments", List.of(Map.of("id", "a1", "name", "underlag.pdf", "size", 18_000_000, "isInline", false)))));
    }

    /** Outlook showing one received message from a look-alike domain with a free-mail Reply-To. */
    private static String readOutlook() {
        String headers = String.join("\r\n",
                "Received: from mail.mjolby-se.com (203.0.113.7) by mx.mjolby.se",
                "Authentication-Results: spf=pass smtp.mailfrom=mjolby-se.com; dkim=pass header.d=mjolby-se.com;",
                " dmarc=pass action=none header.from=mjolby-se.com;compauth=pass reason=100",
                "From: \"Mjölby kommun IT\" <it-support@mjolby-se.com>",
                "Reply-To: \"Helpdesk\" <helpdesk.mjolby@gmail.com>",
                "Message-ID: <abc123@mjolby-se.com>",
                "Subject: Ditt lösenord går ut", "");
        return json(Map.of("mode", "read", "language", "sv-SE", "token", staffToken(), "read", Map.of(
                "from", Map.of("emailAddress", "it-support@mjolby-se.com", "displayName", "Mjölby kommun IT"),
                "internetMessageId", "<abc123@mjolby-se.com>", "headers", headers)));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return text == null || text.isEmpty() ? null : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = AddinPagesBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
