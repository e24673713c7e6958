package se.postvakt.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.postvakt.graph.AutoReplies;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/**
 * Two Postvakt instances sharing one PostgreSQL (a fresh schema per test) and one Graph: a pass runs on one of them at
 * a time, and the mailboxes get each change exactly once. Skipped when PostgreSQL is not reachable.
 */
class TwoInstancesOnPostgresTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = "pv_absence_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=2", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            Assumptions.abort("PostgreSQL is not reachable at " + SERVER + ": " + e.getMessage());
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (java.sql.SQLException e) {
            // unreachable: nothing was created
        }
    }

    private String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    @Test
    void while_one_instance_runs_a_pass_the_other_skips_and_nothing_is_written_twice() throws Exception {
        InMemoryGraph graph = new InMemoryGraph();
        try (Fixture a = new Fixture(graph, url(), "postgres", 4); Fixture b = new Fixture(graph, url(), "postgres", 4)) {
            b.clock.set(a.clock.instant());
            Instant start = a.clock.instant();
            for (int i = 0; i < 10; i++) {
                String u = "person" + i + "@mjolby.se";
                graph.user(u, "Person " + i);
                a.register(u, start, start.plus(Duration.ofDays(5)), "bo.nilsson@mjolby.se");
            }
            CountDownLatch release = graph.holdBulkReads();
            CompletableFuture<Reconciler.Summary> first = CompletableFuture.supplyAsync(
                    () -> a.absences.reconciler().runPass(Duration.ZERO));
            assertTrue(graph.awaitHeldRead(Duration.ofSeconds(10)), "instance A is inside its pass");
            Reconciler.Summary other = b.absences.reconciler().runPass(Duration.ZERO);
            assertEquals(Boolean.TRUE, other.skipped(), "B must not pass while A holds the advisory lock");
            release.countDown();
            Reconciler.Summary done = first.get();
            assertEquals(10, done.changed());

            Reconciler.Summary afterwards = b.absences.reconciler().runPass(Duration.ofSeconds(5));
            assertEquals(10, afterwards.examined(), "B sees A's recorded steps");
            assertEquals(0, afterwards.changed());
            assertEquals(10, graph.writes("setAutoReplies"));
            assertEquals(10, graph.writes("createInboxRule"));
        }
    }

    @Test
    void two_app_instances_hammered_with_reconcile_requests_change_each_mailbox_once() throws Exception {
        InMemoryGraph graph = new InMemoryGraph().user("it.admin@mjolby.se", "IT")
                .user("bo.nilsson@mjolby.se", "Bo Nilsson");
        graph.latency(Duration.ofMillis(5));
        Map<String, String> env = Map.of("DATABASE_URL", url(), "DATABASE_USER", "postgres", "RECONCILE_INTERVAL", "1h");
        try (TestServer s1 = new TestServer(env, graph); TestServer s2 = new TestServer(env, graph)) {
            String admin1 = s1.keys.admin("it.admin@mjolby.se");
            String admin2 = s2.keys.admin("it.admin@mjolby.se");
            String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
            String end = LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(5).toString();
            for (int i = 0; i < 12; i++) {
                String u = "person" + i + "@mjolby.se";
                graph.user(u, "Person " + i);
                TestServer s = i % 2 == 0 ? s1 : s2;
                HttpResponse<String> r = s.post("/api/v1/absences", "{\"user\":\"" + u + "\",\"start\":\"" + today
                        + "\",\"end\":\"" + end + "\",\"delegate\":\"bo.nilsson@mjolby.se\"}", i % 2 == 0 ? admin1 : admin2);
                assertEquals(201, r.statusCode(), r.body());
            }
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> s1.post("/api/v1/absences/reconcile", "", admin1)));
                calls.add(CompletableFuture.supplyAsync(() -> s2.post("/api/v1/absences/reconcile", "", admin2)));
            }
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                assertEquals(200, r.statusCode(), r.body());
            }
            JsonNode last = Json.MAPPER.readTree(s2.post("/api/v1/absences/reconcile", "", admin2).body());
            assertEquals(12, last.get("examined").asInt(), last.toString());
            assertEquals(0, last.get("changed").asInt(), last.toString());
            assertEquals(12, graph.writes("setAutoReplies"), "each mailbox's reply written exactly once");
            assertEquals(12, graph.writes("createInboxRule"), "each mailbox's rule created exactly once");
            for (int i = 0; i < 12; i++) {
                assertEquals(1, graph.rulesOf("person" + i + "@mjolby.se").size());
                assertEquals(AutoReplies.Status.SCHEDULED, graph.repliesOf("person" + i + "@mjolby.se").status());
            }
        }
    }
}
