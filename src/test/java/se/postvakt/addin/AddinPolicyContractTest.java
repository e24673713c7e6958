package se.postvakt.addin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** The handler file learns the fail mode from GET /api/v1/policy; this keeps the two in step. */
class AddinPolicyContractTest {
    @Test
    void policy_gives_staff_the_fail_mode_where_the_handler_reads_it() throws Exception {
        try (TestServer s = new TestServer()) {
            var res = s.get("/api/v1/policy", s.keys.staff("anna@mjolby.se"));
            assertEquals(200, res.statusCode(), res.body());
            JsonNode policy = Json.MAPPER.readTree(res.body());
            assertEquals("open", policy.path("addin").path("failMode").asText());
        }
        String js = Files.readString(Path.of("static/launchevent/launchevent.js"));
        assertTrue(js.contains("callApi(\"GET\", \"/api/v1/policy\""));
        assertTrue(js.contains("policy.addin.failMode === \"closed\""));
    }
}
