package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestKeys;
import se.postvakt.support.TestServer;

/** Sign-in in the browser: MSAL against Entra ID when a tenant is configured, a pasted token in dev mode. */
@Tag("browser")
class SignInBrowserTest {
    @Test
    void with_a_tenant_the_admin_page_sends_the_browser_to_entra_id_for_the_api_scope() {
        try (TestServer s = new TestServer(); BrowserHarness h = new BrowserHarness(s.postvakt(), false)) {
            Page page = h.page(null);
            // Entra ID is not reachable from tests: answer its sign-in page with a stand-in and read what MSAL asked for.
            page.context().route(url -> url.startsWith("https://login.microsoftonline.com/"), route -> route.fulfill(
                    new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody("<title>Entra ID stand-in</title>")));
            page.navigate(h.base() + "/admin/");
            page.waitForURL(url -> url.startsWith("https://login.microsoftonline.com/"));
            URI authorize = URI.create(page.url());
            assertEquals("/" + TestKeys.TENANT + "/oauth2/v2.0/authorize", authorize.getPath());
            Map<String, String> q = new HashMap<>();
            for (String pair : authorize.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            assertEquals(TestKeys.CLIENT, q.get("client_id"));
            assertTrue(q.get("scope").contains("api://" + TestKeys.CLIENT + "/access_as_user"), q.get("scope"));
            assertEquals(h.base() + "/admin/", q.get("redirect_uri"));
            assertEquals("S256", q.get("code_challenge_method"));
            h.assertNoScriptErrors();
        }
    }

    @Test
    void in_dev_mode_a_pasted_token_signs_in_and_a_malformed_one_is_explained() {
        try (BrowserHarness h = new BrowserHarness(se.postvakt.stats.StatsSources.none())) {
            Page page = h.page(null);
            page.navigate(h.base() + "/admin/");
            page.waitForSelector("#dev-token");
            assertEquals("dev-token", page.evaluate("document.activeElement.id"));
            page.fill("#dev-token", "not a token");
            page.click("form.signin button");
            assertTrue(page.textContent("#dev-token-error").contains("ser inte ut som en token"));
            BrowserHarness.screenshotView(page, "signin-dev-mode");
            page.fill("#dev-token", "Bearer " + h.server.devToken("admin"));
            page.click("form.signin button");
            page.waitForSelector("#policy-form");
            assertTrue(page.textContent(".who").contains("IT Admin"));
            page.click("text=Logga ut");
            page.waitForSelector("#dev-token");
            h.assertNoScriptErrors();
        }
    }
}
