package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;

/**
 * The IT page's operations tabs against the real API with a faked Graph: reports to IT made by staff, the audit log
 * of the Graph writes a registered absence caused, the reconciler's status and "Kör nu", and statistics from the
 * real daily counts.
 */
@Tag("browser")
class AdminOperationsBrowserTest {
    static FakeGraphServer graph;
    static BrowserHarness h;

    @BeforeAll
    static void start() throws Exception {
        graph = new FakeGraphServer();
        graph.addUser("chef@mjolby.se", "Chef Chefsson").addUser("eva.berg@mjolby.se", "Eva Berg")
                .addUser("bo.nilsson@mjolby.se", "Bo Nilsson").manager("eva.berg@mjolby.se", "chef@mjolby.se");
        h = new BrowserHarness(graph.gateway(), null);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        api("POST", "/api/v1/absences", "{\"user\":\"eva.berg@mjolby.se\",\"start\":\"" + today + "\",\"end\":\""
                + today.plusDays(6) + "\",\"delegate\":\"bo.nilsson@mjolby.se\"}", "manager");
        api("POST", "/api/v1/sender/check", "{\"from\":{\"address\":\"it-support@mjolby-se.com\",\"name\":\"Mjölby kommun IT\"}}", "staff");
        api("POST", "/api/v1/sender/report", "{\"internetMessageId\":\"<abc@mjolby-se.com>\",\"from\":{\"address\":"
                + "\"it-support@mjolby-se.com\",\"name\":\"Mjölby kommun IT\"},\"reasons\":[\"lookalike-domain\"],"
                + "\"comment\":\"Bad om mitt lösenord\"}", "staff");
        for (int i = 0; i < 100 && graph.inboxRules("eva.berg@mjolby.se").isEmpty(); i++) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        h.close();
        graph.close();
    }

    @AfterEach
    void no_script_errors() {
        h.assertNoScriptErrors();
    }

    static JsonNode api(String method, String path, String body, String who) throws Exception {
        return h.api(method, path, body, who);
    }

    @Test
    void reports_and_audit_list_real_entries_and_filter_them() {
        Page page = h.page("admin");
        List<String> urls = new CopyOnWriteArrayList<>();
        page.onRequest(r -> urls.add(r.url()));
        page.navigate(h.base() + "/admin/#reports");
        page.waitForSelector("#reports-out table");
        String reports = page.textContent("#reports-out");
        assertTrue(reports.contains("it-support@mjolby-se.com"), reports);
        assertTrue(reports.contains("Bad om mitt lösenord"), reports);
        page.fill("#reports-sender", "nobody-like-this");
        page.click("#reports-form button[type=submit]");
        page.waitForCondition(() -> urls.stream().anyMatch(u -> u.contains("sender=nobody-like-this")));
        page.waitForFunction("() => !document.querySelector('#reports-out').textContent.includes('it-support@mjolby-se.com')");
        BrowserHarness.screenshotView(page, "admin-reports");

        page.click("#tab-audit");
        page.waitForSelector("#audit-out table");
        String audit = page.textContent("#audit-out");
        assertTrue(audit.contains("eva.berg@mjolby.se") && audit.contains("inbox-rule.create"), audit);
        assertTrue(audit.contains("chef@mjolby.se"), "who asked for the change: " + audit);
        page.fill("#audit-mailbox", "bo.nilsson@mjolby.se");
        page.click("#audit-form button[type=submit]");
        page.waitForCondition(() -> urls.stream().anyMatch(u -> u.contains("mailbox=bo.nilsson")));
        page.waitForFunction("() => !document.querySelector('#audit-out').textContent.includes('inbox-rule.create')");
        BrowserHarness.screenshotView(page, "admin-audit");
    }

    @Test
    void the_reconciler_tab_shows_the_last_pass_and_runs_one_on_request() {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#reconciler");
        page.waitForSelector("#reconcile-status .figures");
        page.click("#run-now");
        page.waitForSelector("#reconcile-run .figures");
        String run = page.textContent("#reconcile-run");
        assertTrue(run.contains("Körningen är klar"), run);
        assertEquals(null, page.getAttribute("#run-now", "disabled"), "the button is back when the pass is done");
        BrowserHarness.screenshot(page, "admin-reconciler");
    }

    @Test
    void statistics_come_from_the_real_daily_counts() {
        Page page = h.page("admin");
        page.navigate(h.base() + "/admin/#stats");
        page.waitForFunction("() => window.Chart && Chart.getChart('chart-sender') && Chart.getChart('chart-absences')");
        Number reports = (Number) page.evaluate("Chart.getChart('chart-sender').data.datasets.map(d => d.data.reduce((a, b) => a + b, 0))"
                + ".reduce((a, b) => a + b, 0)");
        assertTrue(reports.intValue() >= 2, "one check judged suspicious and one report: " + reports);
        Number absences = (Number) page.evaluate("Chart.getChart('chart-absences').data.datasets.map(d => d.data.reduce((a, b) => a + b, 0))"
                + ".reduce((a, b) => a + b, 0)");
        assertTrue(absences.intValue() >= 1, "today's absence snapshot: " + absences);
        BrowserHarness.screenshot(page, "admin-stats-real");
    }
}
