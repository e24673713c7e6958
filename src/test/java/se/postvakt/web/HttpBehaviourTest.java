package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;

/** The server's HTTP manners: auth answers, the one error shape, health, static files, manifest and metrics. */
class HttpBehaviourTest {
    static TestServer server;
    static String staff;
    static String manager;
    static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("MAX_REQUEST_BYTES", "4096"));
        staff = server.keys.staff("anna.svensson@mjolby.se");
        manager = server.keys.manager("chef@mjolby.se");
        admin = server.keys.admin("it.admin@mjolby.se");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return Json.MAPPER.readTree(res.body());
    }

    static void assertProblem(HttpResponse<String> res, int status, String detailPart) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), res.headers().toString());
        JsonNode body = json(res);
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.hasNonNull("title"));
        assertTrue(body.get("detail").asText().contains(detailPart), body.toString());
        assertFalse(res.body().contains("at se.postvakt") || res.body().contains("Exception"), "no stack trace: " + res.body());
    }

    @Test
    void api_without_a_token_is_401_with_a_bearer_challenge() throws Exception {
        HttpResponse<String> res = server.get("/api/v1/policy", null);
        assertProblem(res, 401, "missing bearer token");
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void a_bad_token_is_401_with_invalid_token() throws Exception {
        HttpResponse<String> res = server.get("/api/v1/policy", "eyJhbGciOiJub25lIn0.e30.");
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void a_token_for_an_unknown_route_under_api_still_needs_auth() {
        assertEquals(401, server.get("/api/v1/nothing-here", null).statusCode());
    }

    @Test
    void roles_are_enforced_on_an_admin_route() throws Exception {
        assertProblem(server.get("/api/v1/policy/history", staff), 403, "Postvakt.Admin");
        assertProblem(server.get("/api/v1/policy/history", manager), 403, "Postvakt.Admin");
        assertEquals(200, server.get("/api/v1/policy/history", admin).statusCode());
    }

    @Test
    void a_cors_preflight_is_answered_without_a_token_and_calls_carry_the_allow_origin() {
        HttpResponse<String> pre = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/compose/check"))
                .header("Origin", "https://outlook.office.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), null);
        assertEquals(204, pre.statusCode(), pre.body());
        assertTrue(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertEquals("*", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("*", server.get("/api/v1/policy", staff).headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals(401, server.get("/api/v1/policy", null).statusCode(), "a real call still needs its token");
    }

    @Test
    void malformed_json_is_400() throws Exception {
        assertProblem(server.put("/api/v1/policy", "{\"version\": 1,", admin), 400, "malformed JSON");
    }

    @Test
    void a_wrong_type_is_400_naming_the_field() throws Exception {
        HttpResponse<String> res = server.put("/api/v1/policy", "{\"version\":1,\"attachments\":{\"warnBytes\":\"big\"}}", admin);
        assertProblem(res, 400, "attachments.warnBytes");
        assertEquals("attachments.warnBytes", json(res).get("errors").get(0).get("field").asText());
    }

    @Test
    void a_too_large_body_is_413() throws Exception {
        String big = "{\"version\":1,\"x\":\"" + "a".repeat(5000) + "\"}";
        assertProblem(server.put("/api/v1/policy", big, admin), 413, "limit");
    }

    @Test
    void a_too_large_chunked_body_is_413() throws Exception {
        byte[] big = ("{\"version\":1,\"x\":\"" + "a".repeat(5000) + "\"}").getBytes();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/policy"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        HttpResponse<String> res = server.send(req, admin);
        assertEquals(413, res.statusCode(), res.body());
    }

    @Test
    void a_too_large_chunked_body_read_into_a_request_record_is_413_too() throws Exception {
        byte[] big = ("{\"body\":\"" + "a".repeat(5000) + "\"}").getBytes();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/compose/check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        HttpResponse<String> res = server.send(req, admin);
        assertEquals(413, res.statusCode(), res.body());
    }

    @Test
    void a_non_json_content_type_is_415() throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/policy"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("{}"));
        assertProblem(server.send(req, admin), 415, "application/json");
    }

    @Test
    void an_unknown_path_is_a_json_404() throws Exception {
        assertProblem(server.get("/no/such/page", null), 404, "not found");
    }

    @Test
    void a_bad_query_parameter_is_400_naming_it() throws Exception {
        HttpResponse<String> res = server.get("/api/v1/policy/history?limit=abc", admin);
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("limit", json(res).get("errors").get(0).get("field").asText());
    }

    @Test
    void health_reports_the_database() throws Exception {
        HttpResponse<String> res = server.get("/health", null);
        assertEquals(200, res.statusCode());
        JsonNode body = json(res);
        assertEquals("UP", body.get("status").asText());
        assertEquals("UP", body.at("/database/status").asText());
        assertEquals("h2", body.at("/database/type").asText());
        assertEquals(200, server.get("/health/ready", null).statusCode());
    }

    @Test
    void metrics_are_prometheus_text_with_routes() {
        server.get("/api/v1/policy", staff);
        HttpResponse<String> res = server.get("/metrics", null);
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/policy\",status=\"200\"}"), res.body());
        assertTrue(res.body().contains("jvm_memory_used_bytes"));
    }

    @Test
    void static_files_are_served_at_the_root() {
        HttpResponse<String> res = server.get("/index.html", null);
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("Postvakt"));
        assertEquals(200, server.get("/", null).statusCode());
    }

    @Test
    void the_manifest_is_served_with_this_servers_url() {
        HttpResponse<String> res = server.get("/manifest.xml", null);
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        assertTrue(res.body().contains("https://postvakt.test.example/"), res.body());
        assertFalse(res.body().contains(AddinFiles.MANIFEST_BASE_URL), "every URL rewritten");
        assertFalse(res.body().contains(AddinFiles.MANIFEST_CLIENT_ID), "the client id is filled in");
    }

    @Test
    void the_officeaddins_allow_list_names_the_launch_event_script() throws Exception {
        HttpResponse<String> res = server.get("/.well-known/microsoft-officeaddins-allowed.json", null);
        assertEquals(200, res.statusCode());
        assertEquals("https://postvakt.test.example/launchevent/launchevent.js", json(res).get("allowed").get(0).asText());
    }
}
