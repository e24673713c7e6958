package se.postvakt.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/**
 * The absence flow end to end over HTTP with real tokens and the real Graph SDK against a faked Graph server:
 * a long absence gets replies and a delegate rule, a second pass writes nothing, ending it restores the mailbox.
 */
class AbsenceOverRealSdkTest {
    static final String ANNA = "anna.svensson@mjolby.se";
    static final String BO = "bo.nilsson@mjolby.se";
    static final String CHEF = "chef@mjolby.se";

    private static String day(int plus) {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(plus).toString();
    }

    private static void eventually(BooleanSupplier check, String what) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never happened: " + what);
    }

    @Test
    void a_managers_registration_is_enforced_through_graph_and_fully_taken_back() throws Exception {
        try (FakeGraphServer g = new FakeGraphServer()) {
            g.addUser(ANNA, "Anna Svensson").addUser(BO, "Bo Nilsson").addUser(CHEF, "Chef Chefsson")
                    .addUser("eva@mjolby.se", "Eva Annan").manager(ANNA, CHEF).manager(BO, CHEF);
            try (TestServer s = new TestServer(Map.of("RECONCILE_INTERVAL", "1h"), g.gateway())) {
                String chef = s.keys.manager(CHEF);
                String admin = s.keys.admin("it.admin@mjolby.se");
                assertEquals(403, s.post("/api/v1/absences", "{\"user\":\"eva@mjolby.se\",\"start\":\"" + day(0)
                        + "\",\"end\":\"" + day(5) + "\"}", chef).statusCode(), "eva does not report to chef");

                HttpResponse<String> created = s.post("/api/v1/absences", "{\"user\":\"" + ANNA + "\",\"start\":\""
                        + day(0) + "\",\"end\":\"" + day(6) + "\",\"delegate\":\"" + BO + "\"}", chef);
                assertEquals(201, created.statusCode(), created.body());
                String id = Json.MAPPER.readTree(created.body()).get("id").asText();

                eventually(() -> "scheduled".equals(g.autoReplies(ANNA).get("status")) && g.inboxRules(ANNA).size() == 1,
                        "replies scheduled and a delegate rule after the pass");
                Map<String, Object> rule = g.inboxRules(ANNA).get(0);
                assertTrue(String.valueOf(rule.get("displayName")).contains("[Postvakt]"), rule.toString());
                assertTrue(rule.toString().contains(BO), rule.toString());
                assertTrue(String.valueOf(g.autoReplies(ANNA).get("internalReplyMessage")).contains("Bo Nilsson"),
                        "the reply names the delegate");

                int writes = g.writes(ANNA);
                JsonNode again = Json.MAPPER.readTree(s.post("/api/v1/absences/reconcile", "", admin).body());
                assertEquals(0, again.get("changed").asInt(), again.toString());
                assertEquals(writes, g.writes(ANNA), "a second pass makes zero Graph writes");

                JsonNode compliance = Json.MAPPER.readTree(s.get("/api/v1/absences/compliance", chef).body());
                assertEquals(1, compliance.get("delegations").size(), compliance.toString());

                assertEquals(200, s.delete("/api/v1/absences/" + id, chef).statusCode());
                eventually(() -> "disabled".equals(g.autoReplies(ANNA).get("status")) && g.inboxRules(ANNA).isEmpty(),
                        "everything Postvakt set is taken back");
            }
        }
    }
}
