package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.postvakt.stats.SampleStats;

/** The IT page in headless Chromium against a real dev-mode server. Screenshots go to target/screenshots/. */
@Tag("browser")
class AdminPageBrowserTest {
    static final long MIB = 1024L * 1024L;
    static BrowserHarness h;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        h = new BrowserHarness(new SampleStats().sources());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void no_script_errors() {
        h.assertNoScriptErrors();
    }

    static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + path))
                .header("Authorization", "Bearer " + h.server.devToken("admin")).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.body());
        return se.postvakt.web.Json.MAPPER.readTree(r.body());
    }

    static Response save(Page page) {
        return page.waitForResponse(r -> r.url().endsWith("/api/v1/policy") && "PUT".equals(r.request().method()),
                () -> page.click("#save"));
    }

    @Test
    void admin_edits_the_policy_sees_errors_in_place_and_saves() throws Exception {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin");
        page.waitForSelector("#policy-form");
        assertTrue(page.url().endsWith("/admin/#policy"), page.url());
        assertEquals("10", page.inputValue("#f-attachments-warnBytes"), "bytes are shown in MB");
        BrowserHarness.screenshotView(page, "admin-policy");

        page.fill("#f-attachments-warnBytes", "-1");
        page.fill("#f-domains-trusted", "partner.se\nnot a domain");
        page.click("#save");
        assertTrue(page.textContent("#f-attachments-warnBytes-error").contains("Måste vara 0 eller mer"));
        assertEquals("true", page.getAttribute("#f-attachments-warnBytes", "aria-invalid"));
        assertTrue(page.textContent("#f-domains-trusted-error").contains("rad 2 ”not a domain”"), page.textContent("#f-domains-trusted-error"));
        assertTrue(page.textContent("#policy-summary").contains("Rätta följande"));
        assertEquals("f-attachments-warnBytes", page.evaluate("document.activeElement.id"), "focus moves to the first error");
        page.evaluate("window.scrollTo(0, 0)");
        BrowserHarness.screenshotView(page, "admin-policy-client-errors");

        // The server checks what the browser cannot (time zones): its field error lands on the same input, in Swedish.
        page.fill("#f-attachments-warnBytes", "12");
        page.fill("#f-domains-trusted", "partner.se\nregion.se");
        page.fill("#f-absence-timeZone", "Mars/Olympus_Mons");
        assertEquals(400, save(page).status());
        page.waitForSelector("#f-absence-timeZone-error:not([hidden])");
        assertTrue(page.textContent("#f-absence-timeZone-error").contains("Ange en tidszon"));
        assertTrue(page.isHidden("#f-attachments-warnBytes-error"));
        page.locator("#f-absence-timeZone").scrollIntoViewIfNeeded();
        BrowserHarness.screenshotView(page, "admin-policy-server-error");

        page.fill("#f-absence-timeZone", "Europe/Stockholm");
        page.fill("#f-audience-warnRecipients", "40");
        page.selectOption("#f-addin-failMode", "closed");
        page.fill("#f-security-reportMailbox", "it-sakerhet@mjolby.se");
        Response ok = save(page);
        assertEquals(200, ok.status());
        page.waitForSelector("#policy-status .success");
        assertTrue(page.textContent("#policy-status").contains("version"));

        JsonNode doc = api("GET", "/api/v1/policy", null);
        assertEquals(40, doc.at("/audience/warnRecipients").asInt());
        assertEquals(12 * MIB, doc.at("/attachments/warnBytes").asLong());
        assertEquals("closed", doc.at("/addin/failMode").asText());
        assertEquals("it-sakerhet@mjolby.se", doc.at("/security/reportMailbox").asText());
        assertEquals("region.se", doc.at("/domains/trusted/1").asText());
    }

    @Test
    void template_preview_follows_typing_with_every_placeholder() {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#policy");
        page.waitForSelector("#policy-form");
        page.fill("#f-absence-functionalMailbox", "kontakt@mjolby.se");
        page.fill("#f-absence-templates-sv-internal", "Hej! {name} är borta, åter {returnDate}.{delegateSentence} Annars {functionalMailbox}.");
        String preview = page.textContent("#preview-sv-internal");
        assertTrue(preview.startsWith("Hej! Anna Svensson är borta, åter "), preview);
        assertTrue(preview.contains("Bo Nilsson (bo.nilsson@mjolby.se) hand om min e-post"), preview);
        assertTrue(preview.endsWith("Annars kontakt@mjolby.se."), preview);
        page.uncheck("#preview-delegate");
        assertTrue(!page.textContent("#preview-sv-internal").contains("Bo Nilsson"));
        page.fill("#f-absence-templates-en-external", "Back {returnDay}");
        page.click("#save");
        assertTrue(page.textContent("#f-absence-templates-en-external-error").contains("Okänd platshållare: {returnDay}"));
        page.locator("#preview-title").scrollIntoViewIfNeeded();
        BrowserHarness.screenshotView(page, "admin-templates");
    }

    @Test
    void a_conflicting_save_is_explained_and_offers_a_reload() throws Exception {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#policy");
        page.waitForSelector("#policy-form");
        ObjectNode doc = (ObjectNode) api("GET", "/api/v1/policy", null);
        ((ObjectNode) doc.get("audience")).put("warnRecipients", 77);
        api("PUT", "/api/v1/policy", doc.toString());

        page.fill("#f-audience-warnRecipients", "33");
        assertEquals(409, save(page).status());
        assertTrue(page.textContent("#policy-status").contains("Någon annan har sparat policyn medan du redigerade"));
        BrowserHarness.screenshotView(page, "admin-conflict");
        page.click("#reload-policy");
        page.waitForSelector("#policy-form");
        assertEquals("77", page.inputValue("#f-audience-warnRecipients"));
    }

    @Test
    void history_shows_who_changed_what_as_a_readable_diff() throws Exception {
        ObjectNode doc = (ObjectNode) api("GET", "/api/v1/policy", null);
        ((ObjectNode) doc.get("attachments")).put("warnBytes", 5 * MIB);
        ((ObjectNode) doc.get("domains")).putArray("trusted").add("lansstyrelsen.se");
        ((ObjectNode) doc.get("personnummer")).put("severity", "block");
        api("PUT", "/api/v1/policy", doc.toString());

        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#history");
        page.waitForSelector(".history li");
        String newest = page.textContent(".history li:first-child");
        assertTrue(newest.contains("it.admin@mjolby.se"), newest);
        assertTrue(newest.contains("Varna för bilaga större än"), newest);
        assertTrue(newest.contains("MB") && newest.contains("5 MB"), newest);
        assertTrue(newest.contains("+ lansstyrelsen.se"), newest);
        assertTrue(newest.contains("Varning") && newest.contains("Stoppa sändningen"), newest);
        BrowserHarness.screenshot(page, "admin-history");
    }

    @Test
    void a_staff_token_is_refused_the_admin_data_with_a_plain_swedish_message() {
        Page page = h.page("staff");
        Response schema = page.waitForResponse(r -> r.url().endsWith("/api/v1/policy/schema"),
                () -> page.navigate(h.base() + "/admin/"));
        assertEquals(403, schema.status());
        page.waitForSelector("#refusal");
        String text = page.textContent("#refusal");
        assertTrue(text.contains("Ingen behörighet"), text);
        assertTrue(text.contains("Anna Svensson"), text);
        assertTrue(text.contains("Postvakt.Admin"), text);
        assertEquals(0, page.locator("[role=tab]").count(), "no admin tabs for staff");
        BrowserHarness.screenshot(page, "admin-refused-staff");
    }

    @Test
    void statistics_render_charts_with_data_and_a_year_loads_with_progress() {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#stats");
        page.waitForFunction("() => window.Chart && Chart.getChart('chart-absences')");
        Object rules = page.evaluate("Chart.getChart('chart-rules').data.datasets.map(d => d.label + ':' + d.data.reduce((a, b) => a + b, 0))");
        assertTrue(rules.toString().contains("Personnummer:"), rules.toString());
        assertEquals(4, ((Number) page.evaluate("Chart.getChart('chart-rules').data.datasets.length")).intValue());
        assertTrue(((Number) page.evaluate("Chart.getChart('chart-share').data.datasets[0].data.filter(v => v > 0).length")).intValue() >= 10);
        assertTrue(((Number) page.evaluate("Chart.getChart('chart-sender').data.datasets[2].data.reduce((a, b) => a + b, 0)")).intValue() > 0);
        assertTrue(page.textContent("#stats-figures").contains("Kontrollerade e-brev"));
        BrowserHarness.screenshot(page, "admin-stats");

        Response lastPart = page.waitForResponse(r -> r.url().contains("from=" + java.time.LocalDate.now().minusDays(364 - 3 * 92)),
                () -> page.click("text=Senaste året"));
        assertEquals(200, lastPart.status(), "a year is fetched in four parts of at most 92 days");
        page.waitForFunction("() => Chart.getChart('chart-rules') && Chart.getChart('chart-rules').data.labels.length >= 52");
        assertEquals("4", page.getAttribute("#stats-progress progress", "value"));
        assertTrue(page.textContent("#stats-progress").contains("Statistiken är hämtad"));
        page.fill("#stats-from", "2026-05-01");
        page.fill("#stats-to", "2026-04-01");
        page.click("#stats-form button[type=submit]");
        assertTrue(page.textContent("#stats-from-error").contains("Startdatum måste vara före"));
    }

    @Test
    void tabs_work_from_the_keyboard_and_english_is_one_click_away() {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#policy");
        page.waitForSelector("#policy-form");
        page.focus("#tab-policy");
        page.keyboard().press("ArrowRight");
        page.waitForSelector(".history");
        assertEquals("tab-history", page.evaluate("document.activeElement.id"));
        assertEquals("true", page.getAttribute("#tab-history", "aria-selected"));
        page.click("#lang");
        assertEquals("History", page.textContent("#tab-history"));
        assertEquals("en", page.getAttribute("html", "lang"));
        page.click("#lang");
        assertEquals("Historik", page.textContent("#tab-history"));
    }

    @Test
    void a_small_laptop_screen_needs_no_sideways_scrolling() {
        Page page = h.page("admin");
        page.setViewportSize(1024, 640);
        for (String tab : new String[] {"policy", "history", "stats", "reports", "audit", "reconciler"}) {
            page.navigate(h.base() + "/admin/#" + tab);
            page.waitForSelector("#panel h2");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), tab);
        }
        page.navigate(h.base() + "/admin/#policy");
        page.waitForSelector("#policy-form");
        BrowserHarness.screenshotView(page, "admin-policy-1024");
    }
}
