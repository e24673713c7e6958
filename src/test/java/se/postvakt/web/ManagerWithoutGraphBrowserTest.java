package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The manager page on a server without Microsoft Graph says so in Swedish and still lets the manager register. */
@Tag("browser")
class ManagerWithoutGraphBrowserTest {
    static BrowserHarness h;

    @BeforeAll
    static void start() {
        h = new BrowserHarness(null, null);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void without_graph_the_team_list_explains_why_and_the_form_takes_an_address() {
        Page page = h.page("manager");
        page.navigate(h.base() + "/manager/");
        page.waitForSelector("#team .notice");
        String team = page.textContent("#team");
        assertTrue(team.contains("Microsoft Graph"), team);
        assertEquals("email", page.getAttribute("#abs-user", "type"), "the person is entered by address");
        BrowserHarness.screenshot(page, "manager-without-graph");
        h.assertNoScriptErrors();
    }
}
