package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** The compose check counts a distribution list by its real size from Graph's mail tips, end to end over HTTP. */
class GroupSizeOverGraphTest {
    @Test
    void a_distribution_list_of_312_counts_as_312_recipients() throws Exception {
        try (FakeGraphServer g = new FakeGraphServer()) {
            g.addUser("anna.svensson@mjolby.se", "Anna Svensson").group("alla-skolor@mjolby.se", 312, 0);
            try (TestServer s = new TestServer(Map.of(), g.gateway())) {
                HttpResponse<String> res = s.post("/api/v1/compose/check", "{\"body\":\"Hej alla\",\"to\":[{\"address\":"
                        + "\"alla-skolor@mjolby.se\",\"name\":\"Alla skolor\",\"recipientType\":\"distributionList\"}]}",
                        s.keys.staff("anna.svensson@mjolby.se"));
                assertEquals(200, res.statusCode(), res.body());
                JsonNode body = Json.MAPPER.readTree(res.body());
                assertEquals("warn", body.get("verdict").asText(), res.body());
                JsonNode audience = null;
                for (JsonNode f : body.get("findings")) {
                    if (f.get("rule").asText().equals("large-audience")) {
                        audience = f;
                    }
                }
                assertTrue(audience != null && audience.get("message").asText().contains("312"), res.body());
                assertTrue(g.requests().stream().anyMatch(r -> r.getUrl().encodedPath().endsWith("/getMailTips")),
                        "the size came from mail tips");
            }
        }
    }
}
