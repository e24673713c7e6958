package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** One-click report to IT goes as mail through Graph to the policy's security mailbox, end to end over HTTP. */
class ReportMailOverGraphTest {
    @Test
    void a_report_is_stored_and_mailed_to_the_security_mailbox() throws Exception {
        try (FakeGraphServer g = new FakeGraphServer()) {
            g.addUser("anna.svensson@mjolby.se", "Anna Svensson");
            try (TestServer s = new TestServer(Map.of(), g.gateway())) {
                String admin = s.keys.admin("it@mjolby.se");
                ObjectNode policy = (ObjectNode) Json.MAPPER.readTree(s.get("/api/v1/policy", admin).body());
                ((ObjectNode) policy.get("security")).put("reportMailbox", "it-sakerhet@mjolby.se");
                assertEquals(200, s.put("/api/v1/policy", policy.toString(), admin).statusCode());

                HttpResponse<String> res = s.post("/api/v1/sender/report", "{\"internetMessageId\":\"<m1@mjolby-se.com>\","
                        + "\"from\":{\"address\":\"it-support@mjolby-se.com\",\"name\":\"Mjölby kommun IT\"},"
                        + "\"reasons\":[\"lookalike-domain\"],\"comment\":\"Bad om lösenord\"}", s.keys.staff("anna.svensson@mjolby.se"));
                assertEquals(202, res.statusCode(), res.body());
                JsonNode answer = Json.MAPPER.readTree(res.body());
                assertTrue(answer.get("mailed").asBoolean(), res.body());
                assertEquals(1, g.sentMail().size());
                String mail = g.sentMail().get(0).toString();
                assertTrue(mail.contains("it-sakerhet@mjolby.se") && mail.contains("it-support@mjolby-se.com"), mail);
                assertTrue(g.requests().stream().anyMatch(r -> r.getUrl().encodedPath().contains("anna.svensson") && r.getUrl().encodedPath().endsWith("/sendMail")),
                        "sent as the reporter");
                JsonNode listed = Json.MAPPER.readTree(s.get("/api/v1/sender/reports", admin).body()).get("reports");
                assertEquals(1, listed.size());
                assertFalse(listed.toString().contains("body"), "no message body is stored");
            }
        }
    }
}
