package se.postvakt.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.postvakt.Postvakt;
import se.postvakt.config.ConfigLoader;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** {@code GET /api/v1/stats} over HTTP: who may call it, how the range is checked, and the shape of the answer. */
class StatsApiTest {
    static Postvakt server;
    static SampleStats sample = new SampleStats();
    static java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        var config = ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "127.0.0.1", "PORT", "0",
                "DATABASE_URL", "jdbc:h2:mem:stats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "ORG_DOMAINS", "mjolby.se"), null);
        server = Postvakt.start(config, Clock.systemUTC(), null, sample.sources());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String pathAndQuery, String who) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (who != null) {
            req.header("Authorization", "Bearer " + server.devToken(who));
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stats_without_a_token_is_401_and_for_staff_or_managers_is_403() throws Exception {
        String q = "/api/v1/stats?from=2026-01-01&to=2026-01-31";
        HttpResponse<String> none = get(q, null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(403, get(q, "staff").statusCode());
        assertEquals(403, get(q, "manager").statusCode());
        assertEquals(200, get(q, "admin").statusCode());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "from=2026-01-01                        | to",
        "to=2026-01-01                          | from",
        "from=&to=2026-01-01                    | from",
        "from=2026-13-01&to=2026-12-31          | from",
        "from=2026-01-01&to=31.12.2026          | to",
        "from=2026-02-30&to=2026-03-01          | from",
        "from=yesterday&to=today                | from",
        "from=2026-03-02&to=2026-03-01          | from",
        "from=2025-01-01&to=2026-02-05          | to",
    })
    void a_bad_range_is_400_naming_the_parameter(String query, String field) throws Exception {
        HttpResponse<String> r = get("/api/v1/stats?" + query, "admin");
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals(field, body.at("/errors/0/field").asText(), r.body());
        assertFalse(body.at("/errors/0/message").asText().isBlank());
    }

    @Test
    void a_range_of_exactly_400_days_is_accepted() throws Exception {
        LocalDate from = LocalDate.of(2025, 1, 1);
        assertEquals(200, get("/api/v1/stats?from=" + from + "&to=" + from.plusDays(399), "admin").statusCode());
        assertEquals(400, get("/api/v1/stats?from=" + from + "&to=" + from.plusDays(400), "admin").statusCode());
    }

    @Test
    void the_answer_has_every_area_with_days_in_order_and_counts_only() throws Exception {
        HttpResponse<String> r = get("/api/v1/stats?from=2026-11-02&to=2026-11-08", "admin");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        JsonNode b = Json.MAPPER.readTree(r.body());
        assertEquals("2026-11-02", b.get("from").asText());
        assertEquals("2026-11-08", b.get("to").asText());
        assertTrue(b.at("/compose/available").asBoolean());
        JsonNode day = b.at("/compose/days/0");
        assertEquals("2026-11-02", day.get("day").asText());
        for (String k : new String[] {"checks", "withWarnings", "withBlocks"}) {
            assertTrue(day.get(k).isIntegralNumber(), k);
        }
        assertEquals(5, b.at("/compose/days").size(), "weekdays only, as the source gave them");
        JsonNode rules = b.at("/compose/rules");
        assertEquals(25, rules.size());
        assertEquals("2026-11-02", rules.get(0).get("day").asText(), "sorted by day although the source gave newest first");
        assertEquals("attachments", rules.get(0).get("rule").asText(), "then by rule");
        assertEquals(java.util.Set.of("day", "rule", "severity", "count"), names(rules.get(0)));
        assertEquals(java.util.Set.of("day", "checked", "suspicious", "dangerous", "reports"), names(b.at("/sender/days/0")));
        assertEquals(java.util.Set.of("day", "active", "withReply", "withoutReply", "delegations"), names(b.at("/absences/days/0")));
        assertEquals(7, b.at("/absences/days").size());
    }

    @Test
    void areas_without_a_source_are_marked_not_available_rather_than_zero() throws Exception {
        var config = ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "127.0.0.1", "PORT", "0",
                "DATABASE_URL", "jdbc:h2:mem:nostats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), null);
        try (Postvakt p = Postvakt.start(config, Clock.systemUTC(), null, StatsSources.none())) {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + p.port()
                    + "/api/v1/stats?from=2026-01-01&to=2026-01-02")).header("Authorization", "Bearer " + p.devToken("admin"));
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode b = Json.MAPPER.readTree(r.body());
            for (String area : new String[] {"compose", "sender", "absences"}) {
                assertFalse(b.get(area).get("available").asBoolean(), area);
                assertEquals(0, b.get(area).get("days").size(), area);
            }
            assertEquals(0, b.at("/compose/rules").size());
        }
    }

    @Test
    void the_real_counts_of_checks_and_reports_reach_the_statistics_without_any_content() throws Exception {
        try (TestServer s = new TestServer()) {
            String staff = s.keys.staff("anna.svensson@mjolby.se");
            s.post("/api/v1/compose/check", "{\"subject\":\"Elev\",\"body\":\"Personnummer 850101-2382\","
                    + "\"to\":[{\"address\":\"rektor@mjolby.se\"}]}", staff);
            s.post("/api/v1/compose/check", "{\"body\":\"Hej\",\"to\":[{\"address\":\"rektor@mjolby.se\"}]}", staff);
            s.post("/api/v1/sender/check", "{\"from\":{\"address\":\"it@mjolby-se.com\",\"name\":\"Mjölby kommun IT\"}}", staff);
            assertEquals(202, s.post("/api/v1/sender/report", "{\"internetMessageId\":\"<x@y>\",\"from\":{\"address\":"
                    + "\"it@mjolby-se.com\"},\"reasons\":[\"lookalike-domain\"]}", staff).statusCode());
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).toString();
            HttpResponse<String> r = s.get("/api/v1/stats?from=" + today + "&to=" + today, s.keys.admin("it@mjolby.se"));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode b = Json.MAPPER.readTree(r.body());
            assertTrue(b.at("/compose/available").asBoolean());
            assertEquals(2, b.at("/compose/days/0/checks").asInt(), r.body());
            assertEquals(1, b.at("/compose/days/0/withWarnings").asInt(), r.body());
            assertTrue(b.at("/compose/rules").toString().contains("personnummer"), r.body());
            assertEquals(1, b.at("/sender/days/0/checked").asInt(), r.body());
            assertEquals(1, b.at("/sender/days/0/reports").asInt(), r.body());
            assertFalse(r.body().contains("850101") || r.body().contains("mjolby-se.com") || r.body().contains("anna"),
                    "counts only: " + r.body());
        }
    }

    private static java.util.Set<String> names(JsonNode n) {
        java.util.Set<String> out = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
