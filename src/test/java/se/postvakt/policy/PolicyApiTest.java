package se.postvakt.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** {@code /api/v1/policy} over HTTP with real tokens. */
class PolicyApiTest {
    @Test
    void staff_read_admins_write_and_conflicts_and_bad_fields_are_explained() throws Exception {
        try (TestServer s = new TestServer()) {
            String staff = s.keys.staff("anna@mjolby.se");
            String admin = s.keys.admin("it@mjolby.se");
            HttpResponse<String> got = s.get("/api/v1/policy", staff);
            assertEquals(200, got.statusCode());
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(got.body());
            assertEquals(1, doc.get("version").asInt());

            assertEquals(403, s.put("/api/v1/policy", doc.toString(), staff).statusCode());
            assertEquals(403, s.put("/api/v1/policy", doc.toString(), s.keys.manager("chef@mjolby.se")).statusCode());

            ((ObjectNode) doc.get("audience")).put("warnRecipients", 40);
            HttpResponse<String> saved = s.put("/api/v1/policy", doc.toString(), admin);
            assertEquals(200, saved.statusCode(), saved.body());
            assertEquals(2, Json.MAPPER.readTree(saved.body()).get("version").asInt());
            assertEquals(40, Json.MAPPER.readTree(s.get("/api/v1/policy", staff).body()).at("/audience/warnRecipients").asInt());

            HttpResponse<String> stale = s.put("/api/v1/policy", doc.toString(), admin);
            assertEquals(409, stale.statusCode());
            assertTrue(stale.body().contains("version 2"), stale.body());

            ObjectNode bad = (ObjectNode) Json.MAPPER.readTree(s.get("/api/v1/policy", staff).body());
            ((ObjectNode) bad.get("attachments")).put("warnTotalBytes", "20MB");
            ((ObjectNode) bad.get("domains")).putArray("trusted").add("-bad-.se");
            HttpResponse<String> rejected = s.put("/api/v1/policy", bad.toString(), admin);
            assertEquals(400, rejected.statusCode());
            JsonNode errors = Json.MAPPER.readTree(rejected.body()).get("errors");
            assertEquals("attachments.warnTotalBytes", errors.get(0).get("field").asText());
            assertEquals("domains.trusted[0]", errors.get(1).get("field").asText());
            assertEquals(2, Json.MAPPER.readTree(s.get("/api/v1/policy", staff).body()).get("version").asInt());

            JsonNode history = Json.MAPPER.readTree(s.get("/api/v1/policy/history", admin).body()).get("versions");
            assertEquals(2, history.size());
            assertEquals("it@mjolby.se", history.get(0).get("changedBy").asText());
            assertEquals("audience.warnRecipients", history.get(0).at("/changes/0/path").asText());
            assertEquals(25, history.get(0).at("/changes/0/before").asInt());
            assertEquals(40, history.get(0).at("/changes/0/after").asInt());

            JsonNode schema = Json.MAPPER.readTree(s.get("/api/v1/policy/schema", admin).body()).get("fields");
            assertTrue(schema.size() > 20);
        }
    }
}
