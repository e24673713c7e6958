package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.OutgoingMail;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** The sender API over HTTP with real tokens: the check contract, hostile input, reports and their listing. */
class SenderApiHttpTest {
    private static TestServer server;
    private static String staff;
    private static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer();
        staff = server.keys.staff("anna@mjolby.se");
        admin = server.keys.admin("it.admin@mjolby.se");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> res) throws Exception {
        return Json.MAPPER.readTree(res.body());
    }

    private static HttpResponse<String> check(Object body) throws Exception {
        return server.post("/api/v1/sender/check", Json.MAPPER.writeValueAsString(body), staff);
    }

    @Test
    void issue_example_is_a_suspicious_lookalike_explained_in_swedish() throws Exception {
        var res = check(Map.of("from", Map.of("address", "it-support@mjolby-se.com", "name", "Mjölby kommun IT"),
                "replyTo", List.of(Map.of("address", "x@gmail.com", "name", "")), "locale", "sv"));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("suspicious", body.get("verdict").asText(), res.body());
        JsonNode first = body.get("reasons").get(0);
        assertEquals("lookalike-domain", first.get("code").asText(), res.body());
        assertEquals("warn", first.get("severity").asText());
        assertEquals("mjolby.se", first.get("detail").get("resembles").asText());
        assertTrue(first.get("message").asText().startsWith("Avsändarens domän mjolby-se.com liknar kommunens egen domän mjolby.se"), res.body());
    }

    @Test
    void english_locale_gives_english_messages() throws Exception {
        var res = check(Map.of("from", Map.of("address", "info@mjolby.com", "name", "Mjölby kommun"), "locale", "en-GB"));
        JsonNode body = json(res);
        assertEquals("suspicious", body.get("verdict").asText(), res.body());
        assertTrue(body.get("reasons").get(0).get("message").asText().startsWith("The sender's domain mjolby.com resembles the organisation's own domain mjolby.se"), res.body());
    }

    @Test
    void internal_sender_is_ok_without_reasons() throws Exception {
        var res = check(Map.of("from", Map.of("address", "Karin.Sjoberg@Mjolby.se", "name", "Karin Sjöberg")));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"verdict\":\"ok\",\"reasons\":[]}", res.body());
    }

    @Test
    void own_domain_failing_dmarc_is_dangerous() throws Exception {
        var res = check(Map.of("from", Map.of("address", "kommundirektor@mjolby.se", "name", "Kommundirektören"),
                "headers", "Received: from x\r\nAuthentication-Results: spf=fail (sender IP is 203.0.113.9) "
                        + "smtp.mailfrom=mjolby.se; dkim=none (message not signed) header.d=none;dmarc=fail "
                        + "action=oreject header.from=mjolby.se;compauth=fail reason=000\r\nSubject: x\r\n"));
        JsonNode body = json(res);
        assertEquals("dangerous", body.get("verdict").asText(), res.body());
        assertEquals("own-domain-spoofed", body.get("reasons").get(0).get("code").asText());
        assertEquals("danger", body.get("reasons").get(0).get("severity").asText());
    }

    @Test
    void a_partner_added_to_the_policy_is_protected_at_once() throws Exception {
        try (TestServer s = new TestServer()) {
            String a = s.keys.admin("it.admin@mjolby.se");
            String body = "{\"from\":{\"address\":\"info@vadstenaa.se\",\"name\":\"Info\"}}";
            assertEquals("ok", json(s.post("/api/v1/sender/check", body, a)).get("verdict").asText());
            ObjectNode policy = (ObjectNode) json(s.get("/api/v1/policy", a));
            ((ObjectNode) policy.get("domains")).putArray("trusted").add("vadstena.se");
            assertEquals(200, s.put("/api/v1/policy", policy.toString(), a).statusCode());
            JsonNode after = json(s.post("/api/v1/sender/check", body, a));
            assertEquals("suspicious", after.get("verdict").asText(), after.toString());
            assertEquals("vadstena.se", after.get("reasons").get(0).get("detail").get("resembles").asText());
        }
    }

    @Test
    void a_legitimate_domain_listed_in_the_policy_is_no_longer_a_lookalike() throws Exception {
        try (TestServer s = new TestServer()) {
            String a = s.keys.admin("it.admin@mjolby.se");
            ObjectNode policy = (ObjectNode) json(s.get("/api/v1/policy", a));
            ((ObjectNode) policy.get("domains")).putArray("trusted").add("linkoping.se");
            assertEquals(200, s.put("/api/v1/policy", policy.toString(), a).statusCode());
            String body = "{\"from\":{\"address\":\"registrator@lidkoping.se\",\"name\":\"Lidköpings kommun\"}}";
            assertEquals("suspicious", json(s.post("/api/v1/sender/check", body, a)).get("verdict").asText());
            policy = (ObjectNode) json(s.get("/api/v1/policy", a));
            ((ObjectNode) policy.get("sender")).putArray("legitimateDomains").add("lidkoping.se");
            assertEquals(200, s.put("/api/v1/policy", policy.toString(), a).statusCode());
            JsonNode after = json(s.post("/api/v1/sender/check", body, a));
            assertEquals("ok", after.get("verdict").asText(), after.toString());
        }
    }

    @Test
    void check_without_token_is_401() {
        assertEquals(401, server.post("/api/v1/sender/check", "{\"from\":{\"address\":\"a@b.se\"}}", null).statusCode());
    }

    @Test
    void check_without_sender_address_is_400_naming_the_field() throws Exception {
        var res = server.post("/api/v1/sender/check", "{\"from\":{\"name\":\"x\"}}", staff);
        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("from.address"), res.body());
        var wrongType = server.post("/api/v1/sender/check", "{\"from\":{\"address\":\"a@b.se\"},\"replyTo\":\"x\"}", staff);
        assertEquals(400, wrongType.statusCode());
        assertTrue(wrongType.body().contains("replyTo"), wrongType.body());
        var locale = check(Map.of("from", Map.of("address", "a@b.se"), "locale", "<script>"));
        assertEquals(400, locale.statusCode());
        assertTrue(locale.body().contains("locale"), locale.body());
    }

    static Stream<Arguments> hostile() {
        String huge = "A".repeat(100_000);
        StringBuilder mb = new StringBuilder();
        while (mb.length() < 1_048_576) {
            mb.append("X-Filler-").append(mb.length()).append(": ").append("y".repeat(200)).append("\r\n");
        }
        mb.append("Authentication-Results: dmarc=fail header.from=mjolby.se\r\n");
        return Stream.of(
                Arguments.of("at signs only", Map.of("from", Map.of("address", "@@@"))),
                Arguments.of("no domain", Map.of("from", Map.of("address", "anna@"))),
                Arguments.of("100,000-character display name", Map.of("from", Map.of("address", "a@gmail.com", "name", huge))),
                Arguments.of("100,000-character address", Map.of("from", Map.of("address", huge + "@" + huge + ".se"))),
                Arguments.of("1 MB header block", Map.of("from", Map.of("address", "a@mjolby.se"), "headers", mb.toString())),
                Arguments.of("broken punycode", Map.of("from", Map.of("address", "a@xn--.se"))),
                Arguments.of("broken punycode label", Map.of("from", Map.of("address", "a@xn--zz-zzzzzzz.xn--.com"))),
                Arguments.of("header injection in name", Map.of("from", Map.of("address", "a@gmail.com",
                        "name", "IT\r\nAuthentication-Results: dmarc=pass\r\n"))),
                Arguments.of("unterminated comments", Map.of("from", Map.of("address", "a@x.se"),
                        "headers", "Authentication-Results: (((((( dmarc=fail " + "(".repeat(50_000))),
                Arguments.of("null bytes and bidi controls", Map.of("from", Map.of("address", "a\u0000@x\u202e.se",
                        "name", "\u202eesrever\u0000"))),
                Arguments.of("reply-to flood", Map.of("from", Map.of("address", "a@mjolby.se"), "replyTo",
                        java.util.Collections.nCopies(100, Map.of("address", "@@@")))),
                Arguments.of("null entries", Map.of("from", Map.of("address", "a@b.se"), "replyTo",
                        java.util.Arrays.asList(null, Map.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostile_input_answers_2xx_or_4xx_never_5xx(String what, Object body) throws Exception {
        var res = check(body);
        assertTrue(res.statusCode() < 500, what + ": " + res.statusCode() + " " + res.body());
        assertFalse(res.body().contains("Exception"), res.body());
    }

    @Test
    void report_is_stored_not_mailed_without_graph_and_listed_for_admins_only() throws Exception {
        var res = server.post("/api/v1/sender/report", Json.MAPPER.writeValueAsString(Map.of(
                "internetMessageId", "<abc123@mjolby-se.com>",
                "from", Map.of("address", "it-support@mjolby-se.com", "name", "Mjölby kommun IT"),
                "reasons", List.of("lookalike-domain", Map.of("code", "reply-to-mismatch")),
                "comment", "Ber om mitt lösenord")), staff);
        assertEquals(202, res.statusCode(), res.body());
        JsonNode out = json(res);
        assertTrue(out.get("stored").asBoolean());
        assertFalse(out.get("mailed").asBoolean());
        assertEquals("Microsoft Graph is not configured", out.get("mailReason").asText());

        assertEquals(403, server.get("/api/v1/sender/reports", staff).statusCode());
        var list = server.get("/api/v1/sender/reports", admin);
        assertEquals(200, list.statusCode(), list.body());
        JsonNode reports = json(list).get("reports");
        JsonNode mine = null;
        for (JsonNode r : reports) {
            if (r.get("id").asLong() == out.get("id").asLong()) {
                mine = r;
            }
        }
        assertTrue(mine != null, list.body());
        assertEquals("anna@mjolby.se", mine.get("reportedBy").asText());
        assertEquals("it-support@mjolby-se.com", mine.get("fromAddress").asText());
        assertEquals("[\"lookalike-domain\",\"reply-to-mismatch\"]", mine.get("reasons").toString());
        assertEquals("Ber om mitt lösenord", mine.get("comment").asText());
        assertFalse(mine.get("mailed").asBoolean());
    }

    @Test
    void reports_can_be_paged_and_filtered_by_date() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(202, server.post("/api/v1/sender/report", "{\"from\":\"p" + i + "@gmail.com\"}", staff).statusCode());
        }
        JsonNode page1 = json(server.get("/api/v1/sender/reports?limit=2", admin));
        assertEquals(2, page1.get("reports").size());
        long next = page1.get("nextBefore").asLong();
        JsonNode page2 = json(server.get("/api/v1/sender/reports?limit=2&before=" + next, admin));
        assertTrue(page2.get("reports").get(0).get("id").asLong() < next);
        assertEquals(0, json(server.get("/api/v1/sender/reports?to=2000-01-01", admin)).get("reports").size());
        assertEquals(400, server.get("/api/v1/sender/reports?from=yesterday", admin).statusCode());
        assertEquals(400, server.get("/api/v1/sender/reports?limit=0", admin).statusCode());
    }

    @Test
    void report_with_bad_fields_is_400_naming_them() throws Exception {
        var res = server.post("/api/v1/sender/report", Json.MAPPER.writeValueAsString(Map.of(
                "from", Map.of("name", "x"), "reasons", List.of("Not A Code"), "comment", "x".repeat(1001))), staff);
        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("from.address") && res.body().contains("reasons[0]")
                && res.body().contains("comment"), res.body());
    }

    @Test
    void checks_are_counted_by_day_verdict_and_reason_for_admins() throws Exception {
        check(Map.of("from", Map.of("address", "x@mjolbyy.se", "name", "Servicedesk")));
        var res = server.get("/api/v1/sender/stats", admin);
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("\"verdict\":\"suspicious\",\"reason\":\"lookalike-domain\""), res.body());
        assertFalse(res.body().contains("mjolbyy"), res.body());
        assertEquals(403, server.get("/api/v1/sender/stats", staff).statusCode());
    }

    @Test
    void report_is_mailed_to_the_security_mailbox_when_graph_is_configured() throws Exception {
        List<Object[]> sent = new CopyOnWriteArrayList<>();
        GraphGateway graph = (GraphGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {GraphGateway.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "configured" -> true;
                    case "sendMail" -> {
                        sent.add(args);
                        yield null;
                    }
                    case "toString" -> "fake graph";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        try (TestServer s = new TestServer(Map.of(), graph)) {
            String a = s.keys.admin("it.admin@mjolby.se");
            String st = s.keys.staff("anna@mjolby.se");
            var noBox = json(s.post("/api/v1/sender/report", "{\"from\":\"x@gmail.com\"}", st));
            assertEquals("security.reportMailbox is not set in the policy", noBox.get("mailReason").asText());

            ObjectNode policy = (ObjectNode) json(s.get("/api/v1/policy", a));
            ((ObjectNode) policy.get("security")).put("reportMailbox", "it-sakerhet@mjolby.se");
            assertEquals(200, s.put("/api/v1/policy", policy.toString(), a).statusCode());

            var res = s.post("/api/v1/sender/report", "{\"internetMessageId\":\"<m1@x>\",\"from\":{\"address\":"
                    + "\"x@mjolby-se.com\",\"name\":\"IT\"},\"reasons\":[\"lookalike-domain\"]}", st);
            assertEquals(202, res.statusCode(), res.body());
            assertTrue(json(res).get("mailed").asBoolean(), res.body());
            assertEquals(1, sent.size());
            assertEquals("anna@mjolby.se", sent.get(0)[0]);
            OutgoingMail mail = (OutgoingMail) sent.get(0)[1];
            assertEquals(List.of("it-sakerhet@mjolby.se"), mail.to());
            assertTrue(mail.bodyText().contains("x@mjolby-se.com") && mail.bodyText().contains("lookalike-domain")
                    && mail.bodyText().contains("<m1@x>"), mail.bodyText());
        }
    }
}
