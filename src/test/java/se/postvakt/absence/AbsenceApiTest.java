package se.postvakt.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.postvakt.graph.AutoReplies;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** The absence API end to end: real server, real tokens, the in-process Graph. */
class AbsenceApiTest {
    static final String ANNA = "anna.svensson@mjolby.se";
    static final String BO = "bo.nilsson@mjolby.se";
    static final String CHEF = "chef@mjolby.se";

    private static InMemoryGraph graph() {
        return new InMemoryGraph().user(ANNA, "Anna Svensson").user(BO, "Bo Nilsson").user(CHEF, "Chef Chefsson")
                .user("cecilia.ek@mjolby.se", "Cecilia Ek").user("annan.chef@mjolby.se", "Annan Chef")
                .manager(ANNA, CHEF).manager(BO, CHEF).manager("cecilia.ek@mjolby.se", "annan.chef@mjolby.se");
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
    }

    private static String inDays(int n) {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(n).toString();
    }

    private static void eventually(java.util.function.BooleanSupplier check, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never happened: " + what);
    }

    @Test
    void staff_registers_own_absence_which_is_enforced_at_once_and_taken_back_when_deleted() throws Exception {
        InMemoryGraph g = graph();
        try (TestServer s = new TestServer(Map.of("RECONCILE_INTERVAL", "1h"), g)) {
            String anna = s.keys.staff(ANNA);
            String admin = s.keys.admin("it.admin@mjolby.se");
            HttpResponse<String> created = s.post("/api/v1/absences", "{\"start\":\"" + today() + "\",\"end\":\""
                    + inDays(4) + "\",\"delegate\":\"" + BO + "\",\"reason\":\"sjuk\"}", anna);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode a = json(created);
            assertEquals(ANNA, a.get("user").asText());
            assertEquals("active", a.get("status").asText());
            assertEquals("on", a.get("enforcement").asText());
            assertEquals(BO, a.get("delegate").asText());
            assertTrue(a.get("start").asText().startsWith(today() + "T00:00"), a.toString());
            String id = a.get("id").asText();

            eventually(() -> g.repliesOf(ANNA).status() == AutoReplies.Status.SCHEDULED && g.rulesOf(ANNA).size() == 1,
                    "the pass after create");
            HttpResponse<String> again = s.post("/api/v1/absences/reconcile", "", admin);
            assertEquals(200, again.statusCode(), again.body());
            JsonNode sum = json(again);
            assertEquals(1, sum.get("examined").asInt());
            assertEquals(0, sum.get("changed").asInt());
            assertEquals(0, sum.get("failed").asInt());
            assertTrue(sum.has("durationMs"));

            JsonNode mine = json(s.get("/api/v1/absences?active=true", anna)).get("absences");
            assertEquals(1, mine.size());
            assertEquals("sjuk", mine.get(0).get("reason").asText(), "the person sees their own reason");
            assertEquals(0, json(s.get("/api/v1/absences", s.keys.staff(BO))).get("absences").size());

            JsonNode compliance = json(s.get("/api/v1/absences/compliance", admin));
            assertEquals(1, compliance.get("delegations").size(), compliance.toString());
            assertEquals(0, compliance.get("absentWithoutReply").size(), compliance.toString());

            HttpResponse<String> patched = s.patch("/api/v1/absences/" + id, "{\"end\":\"" + inDays(2) + "\"}", anna);
            assertEquals(200, patched.statusCode(), patched.body());
            eventually(() -> g.repliesOf(ANNA).end() != null
                    && g.repliesOf(ANNA).end().equals(LocalDate.parse(inDays(3)).atStartOfDay(ZoneId.of("Europe/Stockholm")).toInstant()),
                    "the pass after the change");

            HttpResponse<String> deleted = s.delete("/api/v1/absences/" + id, anna);
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals("ended", json(deleted).get("status").asText());
            eventually(() -> g.repliesOf(ANNA).equals(AutoReplies.disabled()) && g.rulesOf(ANNA).isEmpty(),
                    "the pass after delete");

            HttpResponse<String> auditRes = s.get("/api/v1/audit?mailbox=" + ANNA, admin);
            assertEquals(200, auditRes.statusCode(), auditRes.body());
            JsonNode audit = json(auditRes).get("events");
            Set<String> actions = new HashSet<>();
            audit.forEach(e -> actions.add(e.get("action").asText()));
            assertTrue(actions.containsAll(Set.of("auto-replies.set", "inbox-rule.create", "inbox-rule.delete",
                    "auto-replies.restore")), actions.toString());
            assertFalse(audit.toString().contains("sjuk"), "the reason is never in the audit log");
            assertEquals(403, s.get("/api/v1/audit", anna).statusCode());
            assertEquals(403, s.post("/api/v1/absences/reconcile", "", anna).statusCode());
            assertEquals(403, s.get("/api/v1/absences/compliance", anna).statusCode());
        }
    }

    @Test
    void manager_may_register_for_a_direct_report_and_is_refused_for_someone_elses() {
        try (TestServer s = new TestServer(Map.of("RECONCILE_INTERVAL", "1h"), graph())) {
            String chef = s.keys.manager(CHEF);
            String body = "{\"user\":\"%s\",\"start\":\"" + inDays(10) + "\",\"end\":\"" + inDays(12) + "\"}";
            HttpResponse<String> own = s.post("/api/v1/absences", body.formatted(BO), chef);
            assertEquals(201, own.statusCode(), own.body());
            assertEquals("planned", json(own).get("status").asText());
            HttpResponse<String> other = s.post("/api/v1/absences", body.formatted("cecilia.ek@mjolby.se"), chef);
            assertEquals(403, other.statusCode(), other.body());
            assertTrue(other.body().contains("direct reports"), other.body());
            assertEquals(403, s.post("/api/v1/absences", body.formatted(BO), s.keys.staff(ANNA)).statusCode(),
                    "staff only for themselves");
            assertEquals(201, s.post("/api/v1/absences", body.formatted("cecilia.ek@mjolby.se"),
                    s.keys.admin("it.admin@mjolby.se")).statusCode(), "admins for anyone");

            JsonNode team = json(s.get("/api/v1/absences", chef)).get("absences");
            assertEquals(1, team.size(), "the manager sees their report's absence, not Cecilia's");
            assertEquals(403, s.get("/api/v1/absences?user=cecilia.ek@mjolby.se", chef).statusCode());
            assertEquals(200, s.get("/api/v1/absences/compliance", chef).statusCode());
        }
    }

    @Test
    void bad_input_answers_400_naming_every_field() {
        try (TestServer s = new TestServer(Map.of("RECONCILE_INTERVAL", "1h"), graph())) {
            String anna = s.keys.staff(ANNA);
            HttpResponse<String> r = s.post("/api/v1/absences", "{\"start\":\"i morgon\",\"end\":\"2026-13-01\","
                    + "\"delegate\":\"kalle@gmail.com\",\"autoReply\":\"text\"}", anna);
            assertEquals(400, r.statusCode(), r.body());
            Set<String> fields = new HashSet<>();
            json(r).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(Set.of("start", "end", "delegate", "autoReply"), fields, r.body());

            HttpResponse<String> backwards = s.post("/api/v1/absences", "{\"start\":\"" + inDays(5) + "T10:00:00+01:00\","
                    + "\"end\":\"" + inDays(5) + "T09:00:00+01:00\"}", anna);
            assertEquals(400, backwards.statusCode());
            assertTrue(backwards.body().contains("end: must be after start"), backwards.body());

            HttpResponse<String> missing = s.post("/api/v1/absences", "{}", anna);
            assertEquals(400, missing.statusCode());
            assertTrue(missing.body().contains("\"start\"") && missing.body().contains("\"end\""), missing.body());

            HttpResponse<String> unknown = s.post("/api/v1/absences", "{\"start\":\"" + inDays(1) + "\",\"end\":\""
                    + inDays(2) + "\",\"delegate\":\"ingen.alls@mjolby.se\"}", anna);
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("delegate: no such user"), unknown.body());

            assertEquals(400, s.post("/api/v1/absences", "{\"start\":5}", anna).statusCode());
            assertEquals(400, s.post("/api/v1/absences", "not json", anna).statusCode());
            assertEquals(400, s.get("/api/v1/absences?active=kanske", anna).statusCode());
            assertEquals(404, s.patch("/api/v1/absences/nope", "{}", anna).statusCode());
        }
    }

    @Test
    void without_graph_absences_are_stored_and_the_answer_says_enforcement_is_off() {
        try (TestServer s = new TestServer(Map.of("RECONCILE_INTERVAL", "1h"), new InMemoryGraph(false))) {
            HttpResponse<String> r = s.post("/api/v1/absences", "{\"start\":\"" + today() + "\",\"end\":\"" + inDays(1)
                    + "\"}", s.keys.staff(ANNA));
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("off", json(r).get("enforcement").asText());
            assertTrue(json(r).get("notice").asText().contains("not configured"));
            JsonNode sum = json(s.post("/api/v1/absences/reconcile", "", s.keys.admin("it.admin@mjolby.se")));
            assertEquals("off", sum.get("enforcement").asText(), sum.toString());
            assertEquals(0, sum.get("examined").asInt());
        }
    }
}
