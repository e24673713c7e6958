package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every gateway operation against MockWebServer: the exact method, path, query, headers and JSON body it sends. */
class GraphRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private SdkGraphGateway graph;

    @BeforeEach
    void setUp() {
        String base = server.url("/v1.0").toString().replaceAll("/$", "");
        graph = new SdkGraphGateway(GraphSettings.defaults(base).withRetries(2, Duration.ofMillis(5),
                Duration.ofMillis(20)), new TokenSource() {
            @Override
            public String appToken() {
                return "app-token";
            }

            @Override
            public String onBehalfOfToken(String userAssertion) {
                return "obo-for-" + userAssertion;
            }
        });
    }

    private void answer(int code, String json) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        if (json != null) {
            b.addHeader("Content-Type", "application/json").body(json);
        }
        server.enqueue(b.build());
    }

    private RecordedRequest take(String method, String path) throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(method, r.getMethod());
        // Compared decoded: the SDK sends anna%40mjolby.se, which Graph reads as anna@mjolby.se.
        assertEquals(path, "/" + String.join("/", r.getUrl().pathSegments()));
        // The SDK lower-cases header names (authorization); OkHttp's Headers.get ignores case.
        assertEquals("Bearer app-token", r.getHeaders().get("Authorization"));
        return r;
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return JSON.readTree(r.getBody().utf8());
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static final String SELECT_USER = "id,displayName,mail,userPrincipalName,jobTitle,department";
    private static final String ANNA = """
            {"id":"u-1","displayName":"Anna Svensson","mail":"anna@mjolby.se","userPrincipalName":"anna@mjolby.se",
             "jobTitle":"Handläggare","department":"Socialtjänsten"}""";

    @Test
    void user_by_upn_gets_the_user_with_only_the_fields_postvakt_needs() throws Exception {
        answer(200, ANNA);
        GraphUser u = graph.user("anna@mjolby.se");
        RecordedRequest r = take("GET", "/v1.0/users/anna@mjolby.se");
        assertEquals(list(SELECT_USER), list(r.getUrl().queryParameter("$select")));
        assertEquals(new GraphUser("u-1", "Anna Svensson", "anna@mjolby.se", "anna@mjolby.se", "Handläggare",
                "Socialtjänsten"), u);
    }

    @Test
    void manager_reads_the_manager_relation_and_a_missing_one_is_empty() throws Exception {
        answer(200, """
                {"@odata.type":"#microsoft.graph.user","id":"m-1","displayName":"Chef Chefsson","mail":"chef@mjolby.se",
                 "userPrincipalName":"chef@mjolby.se"}""");
        assertEquals("Chef Chefsson", graph.manager("anna@mjolby.se").orElseThrow().displayName());
        RecordedRequest r = take("GET", "/v1.0/users/anna@mjolby.se/manager");
        assertEquals(list(SELECT_USER), list(r.getUrl().queryParameter("$select")));

        answer(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"x\"}}");
        answer(200, ANNA);
        assertTrue(graph.manager("anna@mjolby.se").isEmpty());
        take("GET", "/v1.0/users/anna@mjolby.se/manager");
        take("GET", "/v1.0/users/anna@mjolby.se");
    }

    @Test
    void direct_reports_follow_next_links_to_the_last_page() throws Exception {
        String next = server.url("/v1.0/users/chef@mjolby.se/directReports/graph.user?$skiptoken=abc")
                .toString();
        answer(200, "{\"value\":[" + ANNA + "],\"@odata.nextLink\":\"" + next + "\"}");
        answer(200, "{\"value\":[{\"id\":\"u-2\",\"displayName\":\"Bo Ek\",\"mail\":\"bo@mjolby.se\"}]}");
        List<GraphUser> reports = graph.directReports("chef@mjolby.se");
        assertEquals(List.of("Anna Svensson", "Bo Ek"), reports.stream().map(GraphUser::displayName).toList());
        take("GET", "/v1.0/users/chef@mjolby.se/directReports/graph.user");
        RecordedRequest second = take("GET", "/v1.0/users/chef@mjolby.se/directReports/graph.user");
        assertEquals("abc", second.getUrl().queryParameter("$skiptoken"));
    }

    @Test
    void listing_users_pages_through_odata_next_links() throws Exception {
        String next = server.url("/v1.0/users?$skiptoken=p2").toString();
        answer(200, "{\"value\":[" + ANNA + "],\"@odata.nextLink\":\"" + next + "\"}");
        answer(200, "{\"value\":[{\"id\":\"u-2\",\"displayName\":\"Bo Ek\"}]}");
        Page<GraphUser> first = graph.listUsers(null);
        RecordedRequest r1 = take("GET", "/v1.0/users");
        assertEquals("999", r1.getUrl().queryParameter("$top"));
        assertEquals("accountEnabled eq true and userType eq 'Member'", r1.getUrl().queryParameter("$filter"));
        assertEquals(list(SELECT_USER), list(r1.getUrl().queryParameter("$select")));
        assertEquals(next, first.nextPageToken());
        Page<GraphUser> second = graph.listUsers(first.nextPageToken());
        assertEquals("p2", take("GET", "/v1.0/users").getUrl().queryParameter("$skiptoken"));
        assertEquals("Bo Ek", second.items().get(0).displayName());
        assertNull(second.nextPageToken());
    }

    @Test
    void a_page_token_pointing_elsewhere_is_refused_without_a_request() {
        GraphException e = org.junit.jupiter.api.Assertions.assertThrows(GraphException.class,
                () -> graph.listUsers("https://evil.example/v1.0/users?$skiptoken=1"));
        assertEquals(GraphException.Kind.REJECTED, e.kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void auto_replies_are_read_from_mailbox_settings() throws Exception {
        answer(200, """
                {"automaticRepliesSetting":{"status":"scheduled","externalAudience":"contactsOnly",
                 "scheduledStartDateTime":{"dateTime":"2026-12-01T08:00:00.0000000","timeZone":"UTC"},
                 "scheduledEndDateTime":{"dateTime":"2026-12-02T17:00:00.0000000","timeZone":"W. Europe Standard Time"},
                 "internalReplyMessage":"Ledig","externalReplyMessage":"Away"}}""");
        AutoReplies a = graph.autoReplies("anna@mjolby.se");
        RecordedRequest r = take("GET", "/v1.0/users/anna@mjolby.se/mailboxSettings");
        assertEquals("automaticRepliesSetting", r.getUrl().queryParameter("$select"));
        assertEquals(new AutoReplies(AutoReplies.Status.SCHEDULED, Instant.parse("2026-12-01T08:00:00Z"),
                Instant.parse("2026-12-02T16:00:00Z"), "Ledig", "Away", AutoReplies.ExternalAudience.CONTACTS_ONLY), a);
    }

    @Test
    void setting_auto_replies_patches_mailbox_settings_with_a_utc_schedule() throws Exception {
        answer(200, "{}");
        graph.setAutoReplies("anna@mjolby.se", new AutoReplies(AutoReplies.Status.SCHEDULED,
                Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-02T17:00:00Z"), "<p>Ledig</p>",
                "<p>Away</p>", AutoReplies.ExternalAudience.CONTACTS_ONLY));
        RecordedRequest r = take("PATCH", "/v1.0/users/anna@mjolby.se/mailboxSettings");
        assertTrue(r.getHeaders().get("content-type").startsWith("application/json"));
        assertEquals(JSON.readTree("""
                {"automaticRepliesSetting":{"status":"scheduled","externalAudience":"contactsOnly",
                 "scheduledStartDateTime":{"dateTime":"2026-12-01T08:00:00","timeZone":"UTC"},
                 "scheduledEndDateTime":{"dateTime":"2026-12-02T17:00:00","timeZone":"UTC"},
                 "internalReplyMessage":"<p>Ledig</p>","externalReplyMessage":"<p>Away</p>"}}"""), body(r));
    }

    @Test
    void inbox_rules_are_listed_created_with_the_marker_and_deleted() throws Exception {
        answer(200, """
                {"value":[{"id":"r-1","displayName":"[Postvakt] Frånvaro","sequence":2,"isEnabled":true,
                 "actions":{"forwardTo":[{"emailAddress":{"address":"bo@mjolby.se"}}]}}]}""");
        List<InboxRule> rules = graph.inboxRules("anna@mjolby.se");
        take("GET", "/v1.0/users/anna@mjolby.se/mailFolders/inbox/messageRules");
        assertEquals(List.of(new InboxRule("r-1", "[Postvakt] Frånvaro", 2, true, List.of("bo@mjolby.se"), List.of())),
                rules);
        assertTrue(rules.get(0).ownedByPostvakt());

        answer(201, """
                {"id":"r-2","displayName":"[Postvakt] Vidarebefordran","sequence":1,"isEnabled":true,
                 "actions":{"redirectTo":[{"emailAddress":{"address":"chef@mjolby.se"}}]}}""");
        InboxRule created = graph.createInboxRule("anna@mjolby.se",
                new InboxRule(null, "Vidarebefordran", 1, true, List.of(), List.of("chef@mjolby.se")));
        RecordedRequest post = take("POST", "/v1.0/users/anna@mjolby.se/mailFolders/inbox/messageRules");
        assertEquals(JSON.readTree("""
                {"displayName":"[Postvakt] Vidarebefordran","sequence":1,"isEnabled":true,
                 "actions":{"redirectTo":[{"emailAddress":{"address":"chef@mjolby.se"}}]}}"""), body(post));
        assertEquals("r-2", created.id());

        answer(204, null);
        graph.deleteInboxRule("anna@mjolby.se", "r-2");
        take("DELETE", "/v1.0/users/anna@mjolby.se/mailFolders/inbox/messageRules/r-2");
    }

    @Test
    void calendar_delegates_are_listed_added_as_delegates_without_private_access_and_removed() throws Exception {
        answer(200, """
                {"value":[{"id":"p-1","role":"freeBusyRead","emailAddress":{"name":"My Organization"}}]}""");
        assertEquals(List.of(new CalendarPermission("p-1", null, "My Organization", "freeBusyRead")),
                graph.calendarPermissions("anna@mjolby.se"));
        take("GET", "/v1.0/users/anna@mjolby.se/calendar/calendarPermissions");

        answer(201, """
                {"id":"p-2","role":"delegateWithoutPrivateEventAccess","isInsideOrganization":true,"isRemovable":true,
                 "emailAddress":{"address":"bo@mjolby.se","name":"Bo Ek"}}""");
        CalendarPermission p = graph.addCalendarDelegate("anna@mjolby.se", "bo@mjolby.se", "Bo Ek");
        RecordedRequest post = take("POST", "/v1.0/users/anna@mjolby.se/calendar/calendarPermissions");
        assertEquals(JSON.readTree("""
                {"emailAddress":{"address":"bo@mjolby.se","name":"Bo Ek"},"role":"delegateWithoutPrivateEventAccess",
                 "isInsideOrganization":true,"isRemovable":true}"""), body(post));
        assertEquals(new CalendarPermission("p-2", "bo@mjolby.se", "Bo Ek", "delegateWithoutPrivateEventAccess"), p);

        answer(204, null);
        graph.removeCalendarPermission("anna@mjolby.se", "p-2");
        take("DELETE", "/v1.0/users/anna@mjolby.se/calendar/calendarPermissions/p-2");
    }

    @Test
    void out_of_office_events_come_from_the_calendar_view_without_subjects() throws Exception {
        answer(200, """
                {"value":[
                 {"id":"e-1","isAllDay":true,"showAs":"oof","start":{"dateTime":"2026-12-01T00:00:00.0000000","timeZone":"UTC"},
                  "end":{"dateTime":"2026-12-03T00:00:00.0000000","timeZone":"UTC"}},
                 {"id":"e-2","isAllDay":false,"showAs":"busy","start":{"dateTime":"2026-12-04T09:00:00.0000000","timeZone":"UTC"},
                  "end":{"dateTime":"2026-12-04T10:00:00.0000000","timeZone":"UTC"}}]}""");
        List<CalendarEvent> events = graph.outOfOfficeEvents("anna@mjolby.se", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-31T00:00:00Z"));
        RecordedRequest r = take("GET", "/v1.0/users/anna@mjolby.se/calendar/calendarView");
        assertEquals("2026-11-30T00:00:00Z", r.getUrl().queryParameter("startDateTime"));
        assertEquals("2026-12-31T00:00:00Z", r.getUrl().queryParameter("endDateTime"));
        assertEquals(Set.of("start", "end", "isAllDay", "showAs"), list(r.getUrl().queryParameter("$select")));
        assertFalse(r.getUrl().toString().contains("subject"));
        assertEquals("outlook.timezone=\"UTC\"", r.getHeaders().get("prefer"));
        assertEquals(List.of(new CalendarEvent("e-1", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-03T00:00:00Z"), true, "oof")), events);
    }

    @Test
    void mail_tips_ask_for_member_counts_and_recipient_scope() throws Exception {
        answer(200, """
                {"value":[{"emailAddress":{"address":"Alla.Larare@mjolby.se"},"totalMemberCount":312,
                  "externalMemberCount":0,"recipientScope":"internal"},
                 {"emailAddress":{"address":"kund@example.com"},"recipientScope":"external"}]}""");
        Map<String, MailTip> tips = graph.mailTips("anna@mjolby.se", List.of("Alla.Larare@mjolby.se", "kund@example.com"));
        RecordedRequest r = take("POST", "/v1.0/users/anna@mjolby.se/getMailTips");
        JsonNode body = body(r);
        assertEquals(JSON.readTree("[\"alla.larare@mjolby.se\",\"kund@example.com\"]"), body.get("EmailAddresses"));
        assertEquals(Set.of("totalMemberCount", "externalMemberCount", "recipientScope"),
                list(body.get("MailTipsOptions").asText()));
        assertEquals(new MailTip("alla.larare@mjolby.se", 312, 0, "internal"), tips.get("alla.larare@mjolby.se"));
        assertEquals(new MailTip("kund@example.com", null, null, "external"), tips.get("kund@example.com"));
    }

    @Test
    void send_mail_posts_a_plain_text_message_not_kept_in_sent_items() throws Exception {
        answer(202, null);
        graph.sendMail("postvakt@mjolby.se", new OutgoingMail(List.of("it@mjolby.se"), "Rapport", "Text"));
        RecordedRequest r = take("POST", "/v1.0/users/postvakt@mjolby.se/sendMail");
        // The SDK writes the action's parameters in PascalCase, as Graph's own documentation does.
        assertEquals(JSON.readTree("""
                {"Message":{"@odata.type":"#microsoft.graph.message","subject":"Rapport",
                 "body":{"contentType":"text","content":"Text"},
                 "toRecipients":[{"emailAddress":{"address":"it@mjolby.se"}}]},"SaveToSentItems":false}"""), body(r));
    }

    @Test
    void on_behalf_of_gateway_sends_the_users_graph_token() throws Exception {
        answer(200, ANNA);
        graph.onBehalfOf("user-assertion").user("anna@mjolby.se");
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("Bearer obo-for-user-assertion", r.getHeaders().get("authorization"));
    }
}
