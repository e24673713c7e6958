package se.postvakt.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** Team and colleague search for the manager page, through the real SDK against a faked Graph. */
class DirectoryApiTest {
    @Test
    void a_manager_sees_their_team_and_finds_colleagues_by_folded_name() throws Exception {
        try (FakeGraphServer g = new FakeGraphServer()) {
            g.addUser("anna.svensson@mjolby.se", "Anna Svensson").addUser("bo.ostergren@mjolby.se", "Bo Östergren")
                    .addUser("chef@mjolby.se", "Chef Chefsson").manager("anna.svensson@mjolby.se", "chef@mjolby.se")
                    .manager("bo.ostergren@mjolby.se", "chef@mjolby.se");
            try (TestServer s = new TestServer(Map.of(), g.gateway())) {
                String chef = s.keys.manager("chef@mjolby.se");
                JsonNode team = Json.MAPPER.readTree(s.get("/api/v1/directory/team", chef).body()).get("members");
                assertEquals(2, team.size(), team.toString());
                assertEquals("Anna Svensson", team.get(0).get("displayName").asText());
                assertEquals("anna.svensson@mjolby.se", team.get(0).get("mail").asText());

                assertEquals(403, s.get("/api/v1/directory/team", s.keys.staff("anna.svensson@mjolby.se")).statusCode());
                assertEquals(403, s.get("/api/v1/directory/team?manager=other@mjolby.se", chef).statusCode());
                assertEquals(200, s.get("/api/v1/directory/team?manager=chef@mjolby.se", s.keys.admin("it@mjolby.se")).statusCode());
                assertEquals(400, s.get("/api/v1/directory/search?q=a", chef).statusCode());

                JsonNode found = null;
                for (int i = 0; i < 100; i++) {
                    found = Json.MAPPER.readTree(s.get("/api/v1/directory/search?q=ostergren", chef).body()).get("users");
                    if (found.size() > 0) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertEquals(1, found.size(), "the staff list loads on first use");
                assertEquals("bo.ostergren@mjolby.se", found.get(0).get("mail").asText());
            }
        }
    }
}
