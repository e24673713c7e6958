package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;
import se.postvakt.web.Json;

/** The compose check contract over HTTP with a real token. */
class ComposeApiTest {
    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = new TestServer();
        token = server.keys.staff("anna@mjolby.se");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode check(String json) throws Exception {
        HttpResponse<String> res = server.post("/api/v1/compose/check", json, token);
        assertEquals(200, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body());
    }

    static JsonNode finding(JsonNode result, String rule) {
        for (JsonNode f : result.get("findings")) {
            if (rule.equals(f.get("rule").asText())) {
                return f;
            }
        }
        return null;
    }

    @Test
    void check_with_valid_personnummer_in_body_warns_with_utf16_offsets_and_a_masked_form() throws Exception {
        String body = "Hej Åsa! 😀 Elevens personnummer är 850101-2382, tack.";
        JsonNode r = check(Json.MAPPER.writeValueAsString(Map.of("body", body,
                "to", java.util.List.of(Map.of("address", "kollega@mjolby.se", "recipientType", "user")))));
        assertEquals("warn", r.get("verdict").asText(), r.toString());
        JsonNode f = finding(r, "personnummer");
        assertEquals("warn", f.get("severity").asText());
        assertEquals("body", f.get("field").asText());
        assertEquals("E-post / Lagar och bestämmelser", f.get("policyRef").asText());
        JsonNode m = f.get("matches").get(0);
        int start = body.indexOf("850101");
        assertEquals(start, m.get("start").asInt());
        assertEquals(start + 11, m.get("end").asInt());
        assertEquals("personnummer", m.get("kind").asText());
        assertEquals("8501xx-xxx2", m.get("masked").asText());
        assertTrue(f.get("message").asText().startsWith("Meddelandet innehåller 1 personnummer"), f.toString());
        assertFalse(r.toString().contains("850101-2382"), "the response must not echo the number");
        assertFalse(r.get("checkId").asText().isEmpty());
        assertEquals(1, r.get("policyVersion").asInt());
    }

    @Test
    void every_check_gets_its_own_random_uuid() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            java.util.UUID id = java.util.UUID.fromString(ComposeChecker.checkId());
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            assertTrue(seen.add(id.toString()), "repeated id " + id);
        }
    }

    @Test
    void personnummer_to_an_external_recipient_blocks_and_reports_external_recipients() throws Exception {
        JsonNode r = check("{\"subject\":\"Ang. 198501012382\",\"to\":[{\"address\":\"x@gmail.com\",\"recipientType\":\"externalUser\"}]}");
        assertEquals("block", r.get("verdict").asText(), r.toString());
        JsonNode f = finding(r, "personnummer");
        assertEquals("subject", f.get("field").asText());
        assertEquals(5, f.get("matches").get(0).get("start").asInt());
        assertEquals(17, f.get("matches").get(0).get("end").asInt());
        assertEquals("19xxxxxx-xx82", f.get("matches").get(0).get("masked").asText());
        assertEquals("info", finding(r, "external-recipients").get("severity").asText());
    }

    @Test
    void html_body_offsets_point_into_the_raw_html() throws Exception {
        String html = "<html><head><style>p{color:red}</style></head><body><table><tr><td>Namn</td><td>Personnummer</td></tr>"
                + "<tr><td>Saga&nbsp;Str&ouml;m</td><td><span>0611192386</span></td></tr></table></body></html>";
        JsonNode r = check(Json.MAPPER.writeValueAsString(Map.of("body", html, "bodyFormat", "html")));
        JsonNode m = finding(r, "personnummer").get("matches").get(0);
        assertEquals(html.indexOf("0611192386"), m.get("start").asInt());
        assertEquals(html.indexOf("0611192386") + 10, m.get("end").asInt());
    }

    @Test
    void english_locale_gives_english_messages() throws Exception {
        JsonNode r = check("{\"body\":\"pnr 850101-2382\",\"locale\":\"en\"}");
        assertTrue(finding(r, "personnummer").get("message").asText().startsWith("The message contains 1 personal identity number"),
                r.toString());
    }

    @Test
    void verdict_is_the_highest_severity_and_ok_without_findings() throws Exception {
        assertEquals("ok", check("{\"subject\":\"Lunch?\",\"body\":\"Ses vid tolv.\"}").get("verdict").asText());
        JsonNode infoOnly = check("{\"body\":\"Hej\",\"to\":[{\"address\":\"a@extern.se\"}]}");
        assertEquals("ok", infoOnly.get("verdict").asText(), "info findings do not warn");
        assertEquals(1, infoOnly.get("findings").size());
        JsonNode both = check("{\"body\":\"Uppgiften omfattas av sekretess: 850101-2382\",\"to\":[{\"address\":\"a@extern.se\"}]}");
        assertEquals("block", both.get("verdict").asText(), both.toString());
        assertEquals("warn", finding(both, "confidential").get("severity").asText());
    }

    @Test
    void large_attachments_warn_and_suggest_a_link() throws Exception {
        JsonNode r = check("{\"attachments\":[{\"name\":\"a.pdf\",\"size\":11534336},{\"name\":\"b.png\",\"size\":10000000,"
                + "\"isInline\":true},{\"name\":\"c\"}]}");
        JsonNode f = finding(r, "large-attachment");
        assertEquals("warn", f.get("severity").asText(), r.toString());
        assertEquals(0, f.get("items").get(0).get("index").asInt());
        assertTrue(f.get("message").asText().contains("OneDrive"));
        assertTrue(f.get("message").asText().contains("inbäddade bilder"));
    }

    @Test
    void a_group_of_unknown_size_gives_an_info_finding() throws Exception {
        JsonNode r = check("{\"to\":[{\"address\":\"alla@mjolby.se\",\"recipientType\":\"distributionList\"}]}");
        JsonNode f = finding(r, "large-audience");
        assertEquals("info", f.get("severity").asText(), r.toString());
        assertTrue(f.get("message").asText().contains("gruppadress"));
    }

    @Test
    void without_a_token_the_check_is_401() {
        assertEquals(401, server.post("/api/v1/compose/check", "{}", null).statusCode());
    }

    @Test
    void bad_input_is_a_400_naming_the_field() {
        assertBad("{\"bodyFormat\":\"rtf\"}", "bodyFormat");
        assertBad("{\"locale\":\"de\"}", "locale");
        assertBad("{\"to\":[{\"address\":\"a@b.se\",\"recipientType\":\"robot\"}]}", "to[0].recipientType");
        assertBad("{\"attachments\":[{\"size\":\"big\"}]}", "attachments[0].size");
        assertBad("{\"attachments\":[{\"size\":-1}]}", "attachments[0].size");
        assertBad("{\"attachments\":[{\"size\":1.5}]}", "attachments[0].size");
        assertBad("{\"to\":\"a@b.se\"}", "to");
        assertBad("{\"subject\":{\"x\":1}}", "subject");
        assertBad("{\"attachments\":[{\"size\":99999999999999999999999}]}", "attachments[0].size");
        assertBad("{\"attachments\":[{\"size\":true}]}", "attachments[0].size");
        assertBad("{\"unknown\":" + "[".repeat(500) + "]".repeat(500) + "}", "");
        assertBad("[1,2]", "");
        assertBad("{\"body\":", "");
    }

    private static void assertBad(String json, String field) {
        HttpResponse<String> res = server.post("/api/v1/compose/check", json, token);
        assertEquals(400, res.statusCode(), json + " -> " + res.body());
        assertTrue(res.body().contains(field), res.body());
    }

    @Test
    void nulls_and_empty_values_are_answered() throws Exception {
        assertEquals("ok", check("{\"subject\":null,\"body\":null,\"to\":[null,{\"address\":null}],\"cc\":null,"
                + "\"attachments\":[null,{\"size\":null}],\"from\":null,\"locale\":null,\"bodyFormat\":null}").get("verdict").asText());
        assertEquals("ok", check("{}").get("verdict").asText());
    }

    @Test
    void a_hundred_thousand_recipients_are_answered() throws Exception {
        StringBuilder sb = new StringBuilder("{\"to\":[");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"address\":\"p").append(i).append("@mjolby.se\"}");
        }
        sb.append("]}");
        JsonNode r = check(sb.toString());
        assertEquals("warn", r.get("verdict").asText());
        assertTrue(finding(r, "large-audience").get("message").asText().contains("100000"));
    }

    @Test
    void a_body_full_of_identity_numbers_reports_the_first_thousand_and_says_at_least() throws Exception {
        StringBuilder sb = bodyNearTheLimit("Elev 850101-2382\\n", "");
        HttpResponse<String> res = server.post("/api/v1/compose/check", sb.toString(), token);
        assertEquals(200, res.statusCode());
        assertTrue(res.body().length() < 1_000_000, "answer of " + res.body().length() + " characters");
        JsonNode f = finding(Json.MAPPER.readTree(res.body()), "personnummer");
        assertEquals(PersonnummerDetector.MAX_MATCHES, f.get("matches").size());
        assertTrue(f.get("message").asText().startsWith("Meddelandet innehåller minst 1000 personnummer."),
                f.get("message").asText());
    }

    @Test
    void a_body_near_the_request_limit_is_answered_and_one_over_it_is_413() throws Exception {
        StringBuilder digits = bodyNearTheLimit("<div>1234567890", ",\"bodyFormat\":\"html\"");
        HttpResponse<String> ok = server.post("/api/v1/compose/check", digits.toString(), token);
        assertEquals(200, ok.statusCode(), ok.body());
        digits.insert(digits.length() - 2, "x".repeat(200));
        HttpResponse<String> tooLarge = server.post("/api/v1/compose/check", digits.toString(), token);
        assertEquals(413, tooLarge.statusCode());
    }

    /** A request whose {@code body} repeats {@code piece} up to 100 bytes under the request limit. */
    private static StringBuilder bodyNearTheLimit(String piece, String moreFields) {
        long limit = server.config(Map.of()).maxRequestBytes();
        StringBuilder sb = new StringBuilder((int) limit);
        sb.append("{\"body\":\"");
        while (sb.length() < limit - 100) {
            sb.append(piece);
        }
        return sb.append('"').append(moreFields).append('}');
    }
}
