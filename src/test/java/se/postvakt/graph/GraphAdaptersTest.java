package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.postvakt.compose.GroupSizeLookup;
import se.postvakt.config.AppConfig;
import se.postvakt.config.ConfigLoader;
import se.postvakt.sender.StaffDirectory;
import se.postvakt.support.FakeGraphServer;

/** The caches and the adapters the compose and sender checks use, over the real SDK against the faked Graph. */
class GraphAdaptersTest {
    private final FakeGraphServer fake = new FakeGraphServer();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        executor.shutdownNow();
        fake.close();
    }

    private long requestsTo(String pathEnd) {
        return fake.requests().stream().filter(r -> r.getUrl().encodedPath().endsWith(pathEnd)).count();
    }

    @Test
    void a_distribution_list_counts_as_its_312_members_from_mail_tips() {
        fake.addUser("anna@mjolby.se", "Anna Svensson").group("alla.larare@mjolby.se", 312, 0);
        GroupSizeLookup sizes = new MailTipsGroupSizes(fake.gateway(), Duration.ofHours(1), Duration.ofSeconds(5),
                executor);
        assertEquals(Map.of("alla.larare@mjolby.se", 312),
                sizes.sizes("anna@mjolby.se", List.of("Alla.Larare@mjolby.se", "bo@mjolby.se")));
        assertEquals(Map.of("alla.larare@mjolby.se", 312),
                sizes.sizes("anna@mjolby.se", List.of("alla.larare@mjolby.se", "bo@mjolby.se")));
        assertEquals(1, requestsTo("/getMailTips"), "sizes and non-groups are cached for the hour");
    }

    @Test
    void a_slow_graph_on_the_send_path_answers_unknown_and_fills_the_cache_later() throws Exception {
        fake.addUser("anna@mjolby.se", "Anna Svensson").group("alla@mjolby.se", 2400, 3).latency(Duration.ofMillis(1500));
        GroupSizeLookup sizes = new MailTipsGroupSizes(fake.gateway(), Duration.ofHours(1), Duration.ofMillis(50),
                executor);
        long t0 = System.nanoTime();
        assertEquals(Map.of(), sizes.sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1200, "the send path must not wait for Graph");
        for (int i = 0; i < 300 && sizes.sizes("anna@mjolby.se", List.of("alla@mjolby.se")).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(Map.of("alla@mjolby.se", 2400), sizes.sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
        assertEquals(1, requestsTo("/getMailTips"), "checks during a slow look-up join it instead of asking again");
    }

    @Test
    void a_failing_graph_leaves_group_sizes_unknown() {
        fake.addUser("anna@mjolby.se", "Anna Svensson").group("alla@mjolby.se", 2400, 3).fail("anna@mjolby.se", 403, 1);
        GroupSizeLookup sizes = new MailTipsGroupSizes(fake.gateway(), Duration.ofHours(1), Duration.ofSeconds(5),
                executor);
        assertEquals(Map.of(), sizes.sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
        assertEquals(Map.of("alla@mjolby.se", 2400), sizes.sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
    }

    @Test
    void staff_directory_loads_every_page_in_the_background() throws Exception {
        for (int i = 1; i <= 5; i++) {
            fake.addUser("person" + i + "@mjolby.se", "Person " + i);
        }
        fake.pageSize(2);
        try (GraphStaffDirectory staff = new GraphStaffDirectory(fake.gateway(), Duration.ofHours(1))) {
            for (int i = 0; i < 100 && staff.people().size() < 5; i++) {
                Thread.sleep(20);
            }
            assertEquals(5, staff.people().size());
            assertEquals(new StaffDirectory.Person("Person 1", "person1@mjolby.se"), staff.people().get(0));
            assertEquals(1, staff.version());
            assertEquals(3, requestsTo("/users"), "three pages of two");
            staff.refresh();
            assertEquals(1, staff.version(), "an unchanged list keeps its version");
            fake.addUser("ny@mjolby.se", "Ny Person");
            staff.refresh();
            assertEquals(2, staff.version());
            assertEquals(6, staff.people().size());
        }
    }

    @Test
    void a_failed_reload_keeps_the_list_it_had() throws Exception {
        fake.addUser("person1@mjolby.se", "Person 1");
        try (GraphStaffDirectory staff = new GraphStaffDirectory(fake.gateway(), Duration.ofHours(1))) {
            for (int i = 0; i < 100 && staff.people().isEmpty(); i++) {
                Thread.sleep(20);
            }
            fake.failEverything(403, 1);
            assertEquals(GraphException.Kind.FORBIDDEN, assertThrows(GraphException.class, staff::refresh).kind());
            assertEquals(1, staff.people().size());
            assertEquals(1, staff.version());
        }
    }

    @Test
    void user_and_manager_look_ups_are_cached_but_writes_and_other_reads_are_not() {
        fake.addUser("anna@mjolby.se", "Anna Svensson").addUser("chef@mjolby.se", "Chef").manager("anna@mjolby.se",
                "chef@mjolby.se");
        GraphGateway graph = new CachingGraphGateway(fake.gateway(), Duration.ofMinutes(5));
        graph.user("anna@mjolby.se");
        graph.user("ANNA@mjolby.se");
        assertEquals("Chef", graph.manager("anna@mjolby.se").orElseThrow().displayName());
        graph.manager("anna@mjolby.se");
        graph.autoReplies("anna@mjolby.se");
        graph.autoReplies("anna@mjolby.se");
        graph.setAutoReplies("anna@mjolby.se", AutoReplies.disabled());
        graph.setAutoReplies("anna@mjolby.se", AutoReplies.disabled());
        assertEquals(1, requestsTo("/users/anna%40mjolby.se"));
        assertEquals(1, requestsTo("/manager"));
        assertEquals(4, requestsTo("/mailboxSettings"));
        assertEquals(2, fake.writes("anna@mjolby.se"));
    }

    @Test
    void without_a_graph_credential_everything_says_not_configured_and_the_checks_still_answer() {
        AppConfig config = config(Map.of());
        GraphGateway gateway = GraphServices.gatewayFor(config, GraphSettings.defaults(config.graphBaseUrl()));
        assertFalse(gateway.configured());
        assertEquals(GraphException.Kind.NOT_CONFIGURED,
                assertThrows(GraphException.class, () -> gateway.user("anna@mjolby.se")).kind());
        try (GraphServices services = GraphServices.over(gateway, GraphSettings.defaults(config.graphBaseUrl()), true)) {
            assertEquals(Map.of(), services.groupSizes().sizes("anna@mjolby.se", List.of("alla@mjolby.se")));
            assertEquals(List.of(), services.staffDirectory().people());
        }
    }

    @Test
    void with_a_client_secret_the_sdk_gateway_is_built_without_calling_anyone() {
        AppConfig config = config(Map.of("ENTRA_CLIENT_SECRET", "s3cret",
                "ENTRA_AUTHORITY", "https://login.test.example/tenant/", "GRAPH_BASE_URL", fake.baseUrl()));
        GraphGateway gateway = GraphServices.gatewayFor(config, GraphSettings.defaults(config.graphBaseUrl()));
        assertTrue(gateway.configured());
        assertTrue(gateway instanceof CachingGraphGateway);
        assertEquals(0, fake.requests().size());
    }

    private static AppConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "jdbc:h2:mem:graph-config");
        env.put("ENTRA_TENANT_ID", "11111111-2222-3333-4444-555555555555");
        env.put("ENTRA_CLIENT_ID", "66666666-7777-8888-9999-000000000000");
        env.put("PUBLIC_BASE_URL", "https://postvakt.test.example");
        env.putAll(extra);
        return ConfigLoader.load(env, null);
    }
}
