package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Retry-After, back-off, timeouts and typed errors, each against MockWebServer. */
class GraphMannersTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private SdkGraphGateway graph(int retries, Duration requestTimeout) {
        String base = server.url("/v1.0").toString().replaceAll("/$", "");
        GraphSettings s = GraphSettings.defaults(base).withRetries(retries, Duration.ofMillis(20), Duration.ofMillis(80))
                .withTimeouts(requestTimeout, Duration.ofSeconds(10));
        return new SdkGraphGateway(s, new TokenSource() {
            @Override
            public String appToken() {
                return "t";
            }

            @Override
            public String onBehalfOfToken(String userAssertion) {
                return "t";
            }
        });
    }

    private void answer(int code, String... headerNameValue) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(code < 300 ? "{\"id\":\"u-1\",\"displayName\":\"Anna\"}"
                        : "{\"error\":{\"code\":\"E" + code + "\",\"message\":\"m\"}}");
        for (int i = 0; i < headerNameValue.length; i += 2) {
            b.addHeader(headerNameValue[i], headerNameValue[i + 1]);
        }
        server.enqueue(b.build());
    }

    @Test
    void throttled_call_waits_what_retry_after_says_and_then_succeeds() throws Exception {
        answer(429, "Retry-After", "1");
        answer(200);
        long t0 = System.nanoTime();
        assertEquals("Anna", graph(3, Duration.ofSeconds(5)).user("anna@mjolby.se").displayName());
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs >= 950, "waited only " + elapsedMs + " ms of Retry-After: 1");
        assertEquals(2, server.getRequestCount());
        server.takeRequest();
        assertEquals("1", server.takeRequest().getHeaders().get("retry-attempt"));
    }

    @Test
    void unavailable_graph_is_retried_with_back_off_until_it_answers() {
        answer(503);
        answer(504);
        answer(200);
        assertEquals("Anna", graph(3, Duration.ofSeconds(5)).user("anna@mjolby.se").displayName());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void back_off_grows_exponentially_with_jitter_and_stays_bounded() {
        GraphSettings s = GraphSettings.defaults("https://graph.microsoft.com/v1.0")
                .withRetries(8, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int attempt = 0; attempt < 8; attempt++) {
            long step = Math.min(1000, 100L << attempt);
            long d = PoliteRetry.backoff(s, attempt).toMillis();
            assertTrue(d >= step / 2 && d <= step, "attempt " + attempt + ": " + d + " ms outside [" + step / 2 + ", "
                    + step + "]");
        }
    }

    @Test
    void retries_that_run_out_give_typed_errors() {
        answer(503);
        answer(503);
        GraphException down = assertThrows(GraphException.class, () -> graph(1, Duration.ofSeconds(5)).user("a@mjolby.se"));
        assertEquals(GraphException.Kind.UNAVAILABLE, down.kind());

        answer(429, "Retry-After", "0");
        answer(429, "Retry-After", "0");
        GraphException throttled = assertThrows(GraphException.class,
                () -> graph(1, Duration.ofSeconds(5)).user("a@mjolby.se"));
        assertEquals(GraphException.Kind.THROTTLED, throttled.kind());
        assertEquals(Duration.ZERO, throttled.retryAfter());
    }

    @Test
    void a_retry_after_longer_than_we_wait_fails_at_once_as_throttled() {
        answer(429, "Retry-After", "3600");
        GraphException e = assertThrows(GraphException.class, () -> graph(3, Duration.ofSeconds(5)).user("a@mjolby.se"));
        assertEquals(GraphException.Kind.THROTTLED, e.kind());
        assertEquals(Duration.ofHours(1), e.retryAfter());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void a_slow_answer_times_out_is_retried_and_then_reported_unavailable() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(600, TimeUnit.MILLISECONDS)
                    .body("{}").build());
        }
        GraphException e = assertThrows(GraphException.class,
                () -> graph(1, Duration.ofMillis(150)).user("a@mjolby.se"));
        assertEquals(GraphException.Kind.UNAVAILABLE, e.kind());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void a_mail_that_may_have_been_sent_is_not_sent_again() {
        answer(504);
        GraphException e = assertThrows(GraphException.class, () -> graph(3, Duration.ofSeconds(5))
                .sendMail("postvakt@mjolby.se", new OutgoingMail(List.of("it@mjolby.se"), "s", "b")));
        assertEquals(GraphException.Kind.UNAVAILABLE, e.kind());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void forbidden_names_the_missing_permission_and_rbac_scope() throws Exception {
        answer(403);
        GraphException e = assertThrows(GraphException.class,
                () -> graph(0, Duration.ofSeconds(5)).autoReplies("anna@mjolby.se"));
        assertEquals(GraphException.Kind.FORBIDDEN, e.kind());
        assertEquals("MailboxSettings.ReadWrite", e.permission());
        assertTrue(e.getMessage().contains("MailboxSettings.ReadWrite"), e.getMessage());
        assertTrue(e.getMessage().contains("RBAC for Applications"), e.getMessage());
        assertTrue(e.getMessage().contains("anna@mjolby.se"), e.getMessage());

        answer(403);
        GraphException send = assertThrows(GraphException.class, () -> graph(0, Duration.ofSeconds(5))
                .sendMail("postvakt@mjolby.se", new OutgoingMail(List.of("it@mjolby.se"), "s", "b")));
        assertEquals("Mail.Send", send.permission());

        answer(401);
        GraphException users = assertThrows(GraphException.class, () -> graph(0, Duration.ofSeconds(5)).listUsers(null));
        assertEquals("User.Read.All", users.permission());
    }

    @Test
    void missing_things_and_bad_requests_are_told_apart() {
        answer(404);
        assertEquals(GraphException.Kind.NOT_FOUND, assertThrows(GraphException.class,
                () -> graph(0, Duration.ofSeconds(5)).deleteInboxRule("anna@mjolby.se", "gone")).kind());
        answer(400);
        GraphException bad = assertThrows(GraphException.class,
                () -> graph(0, Duration.ofSeconds(5)).calendarPermissions("anna@mjolby.se"));
        assertEquals(GraphException.Kind.REJECTED, bad.kind());
        assertNotNull(bad.getMessage());
    }

    @Test
    void the_token_never_goes_to_a_host_other_than_graphs() throws Exception {
        answer(200);
        graph(0, Duration.ofSeconds(5)).user("anna@mjolby.se");
        RecordedRequest r = server.takeRequest();
        assertEquals("Bearer t", r.getHeaders().get("authorization"));
        GraphSettings elsewhere = GraphSettings.defaults("https://graph.microsoft.com/v1.0");
        assertEquals(GraphSettings.GLOBAL_SCOPE, elsewhere.tokenScope());
        assertEquals("https://graph.microsoft.us/.default",
                GraphSettings.defaults("https://graph.microsoft.us/v1.0").tokenScope());
    }
}
