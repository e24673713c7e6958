package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestKeys;
import se.postvakt.support.TestServer;

/** The admin and manager pages are reachable with and without the slash, and the sign-in settings are public. */
class PagesTest {
    @Test
    void admin_and_manager_redirect_to_the_slash_form_and_serve_their_index_pages() throws Exception {
        try (TestServer s = new TestServer()) {
            HttpClient http = HttpClient.newHttpClient();
            for (String page : new String[] {"admin", "manager"}) {
                HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/" + page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(302, bare.statusCode(), page);
                assertEquals("/" + page + "/", bare.headers().firstValue("Location").orElse(""));
                HttpResponse<String> index = s.get("/" + page + "/", null);
                assertEquals(200, index.statusCode(), page);
                assertTrue(index.body().contains("/" + page + "/" + page + ".js"), page);
                assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            }
            assertEquals(200, s.get("/common/common.css", null).statusCode());
        }
    }

    @Test
    void auth_config_is_public_and_names_the_app_registration_and_api_scope() throws Exception {
        try (TestServer s = new TestServer()) {
            HttpResponse<String> r = s.get("/auth-config.json", null);
            assertEquals(200, r.statusCode());
            JsonNode b = Json.MAPPER.readTree(r.body());
            assertEquals(TestKeys.CLIENT, b.get("clientId").asText());
            assertEquals(TestKeys.TENANT, b.get("tenantId").asText());
            assertTrue(b.get("authority").asText().startsWith("https://login.microsoftonline.com/" + TestKeys.TENANT));
            assertEquals("api://" + TestKeys.CLIENT + "/access_as_user", b.get("apiScope").asText());
            assertEquals(false, b.get("devMode").asBoolean());
        }
    }
}
