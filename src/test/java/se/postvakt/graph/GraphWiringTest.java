package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;
import se.postvakt.support.TestServer;

/** Postvakt hands out the Graph adapters the compose and sender checks need, and health tells whether Graph is on. */
class GraphWiringTest {
    @Test
    void a_server_without_graph_says_so_in_health_and_its_adapters_know_nothing() {
        try (TestServer s = new TestServer()) {
            assertTrue(s.get("/health", null).body().contains("\"graph\":\"off\""));
            assertEquals(Map.of(), s.postvakt().graph().groupSizes().sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
            assertEquals(List.of(), s.postvakt().graph().staffDirectory().people());
        }
    }

    @Test
    void a_server_on_a_faked_graph_sizes_lists_by_mail_tips_and_loads_staff_names() throws Exception {
        try (FakeGraphServer fake = new FakeGraphServer().addUser("anna@mjolby.se", "Anna Svensson")
                .group("alla.larare@mjolby.se", 312, 0);
             TestServer s = new TestServer(Map.of(), fake.gateway())) {
            assertTrue(s.get("/health", null).body().contains("\"graph\":\"on\""));
            assertEquals(0, fake.requests().size(), "a test's own gateway is not called before it is used");
            GraphServices graph = s.postvakt().graph();
            assertEquals(Map.of("alla.larare@mjolby.se", 312),
                    graph.groupSizes().sizes("anna@mjolby.se", List.of("alla.larare@mjolby.se")));
            for (int i = 0; i < 100 && graph.staffDirectory().people().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals("Anna Svensson", graph.staffDirectory().people().get(0).name());
        }
    }
}
