package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;

/**
 * The manager page in headless Chromium against a real dev-mode server whose Graph is a faked Graph server that
 * knows the manager's team: team list, registering, changing and ending absences all go through the real API.
 */
@Tag("browser")
class ManagerPageBrowserTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    static FakeGraphServer graph;
    static BrowserHarness h;

    @BeforeAll
    static void start() {
        graph = new FakeGraphServer();
        graph.addUser("chef@mjolby.se", "Chef Chefsson").addUser("eva.berg@mjolby.se", "Eva Berg")
                .addUser("bo.nilsson@mjolby.se", "Bo Nilsson").addUser("cecilia.ek@mjolby.se", "Cecilia Ek")
                .addUser("david.lind@mjolby.se", "David Lind").addUser("fredrik.strom@mjolby.se", "Fredrik Ström");
        for (String member : new String[] {"eva.berg", "bo.nilsson", "cecilia.ek", "david.lind"}) {
            graph.manager(member + "@mjolby.se", "chef@mjolby.se");
        }
        h = new BrowserHarness(graph.gateway(), null);
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

    static JsonNode absenceOf(String user) throws Exception {
        for (JsonNode a : api("GET", "/api/v1/absences?user=" + user, null, "admin").get("absences")) {
            if (!"ended".equals(a.get("status").asText())) {
                return a;
            }
        }
        return null;
    }

    /** The staff list behind the delegate search loads on first use; wait until it has. */
    static void warmStaffList() throws Exception {
        for (int i = 0; i < 100; i++) {
            if (api("GET", "/api/v1/directory/search?q=fre", null, "manager").get("users").size() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the staff list never loaded");
    }

    @Test
    void manager_registers_an_absence_with_a_delegate_and_sees_it_in_the_team_list() throws Exception {
        warmStaffList();
        LocalDate today = LocalDate.now(ZONE);
        api("POST", "/api/v1/absences", "{\"user\":\"cecilia.ek@mjolby.se\",\"start\":\"" + today.minusDays(2) + "\",\"end\":\""
                + today.plusDays(5) + "\",\"delegate\":\"david.lind@mjolby.se\"}", "manager");
        Page page = h.page("manager");
        page.navigate(h.base() + "/manager");
        page.waitForSelector("#team table");
        String team = page.textContent("#team");
        assertTrue(team.contains("Eva Berg") && team.contains("På plats"), team);
        assertTrue(page.textContent("#team tr:has-text('Cecilia Ek')").contains("David Lind"));
        assertTrue(page.textContent(".who").contains("Chef"));

        LocalDate first = today;
        LocalDate last = first.plusDays(9);
        page.click("#team tr:has-text('Eva Berg') button");
        assertEquals("eva.berg@mjolby.se", page.inputValue("#abs-user"));
        page.fill("#abs-first", first.toString());
        page.fill("#abs-last", last.toString());
        assertTrue(page.textContent("#abs-delegate-need").contains("ange ett ombud"));
        page.fill("#abs-delegate", "fre");
        page.waitForFunction("() => document.querySelector('#delegate-options option[value=\"fredrik.strom@mjolby.se\"]')");
        page.fill("#abs-delegate", "bo.nilsson@mjolby.se");
        String preview = page.textContent("#abs-preview-internal");
        assertTrue(preview.contains("Eva Berg"), preview);
        assertTrue(preview.contains("Bo Nilsson (bo.nilsson@mjolby.se)"), preview);
        page.check("#abs-own");
        page.fill("#abs-internal", "Jag är på kurs. Bo Nilsson svarar på min e-post.");
        assertEquals("Jag är på kurs. Bo Nilsson svarar på min e-post.", page.textContent("#abs-preview-internal"));
        BrowserHarness.screenshot(page, "manager-register");

        page.click("#abs-submit");
        page.waitForSelector("#flash .success");
        assertTrue(page.textContent("#flash").contains("Frånvaron för Eva Berg är registrerad"));
        JsonNode stored = absenceOf("eva.berg@mjolby.se");
        assertEquals("bo.nilsson@mjolby.se", stored.get("delegate").asText());
        assertEquals(first.atStartOfDay(ZONE).toInstant(), java.time.OffsetDateTime.parse(stored.get("start").asText()).toInstant(),
                "plain days in the organisation's time zone");
        assertEquals("Jag är på kurs. Bo Nilsson svarar på min e-post.", stored.at("/autoReply/internal").asText());

        String eva = page.textContent("#team tr:has-text('Eva Berg')");
        assertTrue(eva.contains("Frånvarande"), eva);
        assertTrue(eva.contains("Bo Nilsson"), eva);
        BrowserHarness.screenshot(page, "manager-team");
    }

    @Test
    void manager_changes_the_end_of_an_absence_and_then_ends_it_after_confirming() throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        api("POST", "/api/v1/absences", "{\"user\":\"david.lind@mjolby.se\",\"start\":\"" + today + "\",\"end\":\""
                + today.plusDays(3) + "\"}", "manager");
        Page page = h.page("manager");
        page.navigate(h.base() + "/manager/");
        page.waitForSelector("#team table");
        LocalDate newLast = today.plusDays(12);
        page.click("#team tr:has-text('David Lind') button:not(.danger)");
        page.waitForSelector("dialog[open]");
        page.fill("#edit-last", newLast.toString());
        page.click("dialog button.primary");
        page.waitForSelector("#flash .success");
        assertEquals(newLast.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1),
                java.time.OffsetDateTime.parse(absenceOf("david.lind@mjolby.se").get("end").asText()).toInstant());

        page.click("#team tr:has-text('David Lind') button.danger");
        page.waitForSelector("dialog[open]");
        assertEquals("Avbryt", page.evaluate("document.activeElement.textContent"), "a destructive dialog starts on Cancel");
        assertTrue(page.textContent("dialog").contains("Avsluta frånvaron för David Lind nu?"));
        BrowserHarness.screenshotView(page, "manager-end-dialog");
        page.click("dialog button.danger");
        page.waitForSelector("#flash .success");
        assertEquals(null, absenceOf("david.lind@mjolby.se"), "the absence has ended");
        page.waitForFunction("() => [...document.querySelectorAll('#team tr')].some(r => r.textContent.includes('David Lind')"
                + " && r.textContent.includes('På plats'))");
    }
}
