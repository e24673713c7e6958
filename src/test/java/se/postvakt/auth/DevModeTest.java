package se.postvakt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.postvakt.Postvakt;
import se.postvakt.config.ConfigLoader;

/** Dev mode: the server signs its own tokens, so the API can be tried without a tenant. */
class DevModeTest {
    @Test
    void dev_tokens_work_for_staff_manager_and_admin_and_roles_still_apply() throws Exception {
        var config = ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "127.0.0.1", "PORT", "0",
                "DATABASE_URL", "jdbc:h2:mem:dev-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "ORG_DOMAINS", "mjolby.se"), null);
        try (Postvakt p = Postvakt.start(config, Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + p.port();
            assertEquals(200, call(http, base + "/api/v1/policy", p.devToken("staff")));
            assertEquals(403, call(http, base + "/api/v1/policy/history", p.devToken("staff")));
            assertEquals(403, call(http, base + "/api/v1/policy/history", p.devToken("manager")));
            assertEquals(200, call(http, base + "/api/v1/policy/history", p.devToken("admin")));
            assertEquals(401, call(http, base + "/api/v1/policy", null));
        }
    }

    @Test
    void without_dev_mode_there_are_no_dev_tokens_and_no_token_is_accepted() throws Exception {
        var config = ConfigLoader.load(Map.of("BIND_ADDRESS", "127.0.0.1", "PORT", "0",
                "DATABASE_URL", "jdbc:h2:mem:nodev-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), null);
        try (Postvakt p = Postvakt.start(config, Clock.systemUTC())) {
            assertNull(p.devToken("admin"));
            assertEquals(401, call(HttpClient.newHttpClient(), "http://127.0.0.1:" + p.port() + "/api/v1/policy",
                    new se.postvakt.support.TestKeys().admin("it@mjolby.se")));
        }
    }

    static int call(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
