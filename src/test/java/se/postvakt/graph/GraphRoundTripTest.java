package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;

/** Writes and reads back through the real SDK against the stateful fake, as the absence feature will use them. */
class GraphRoundTripTest {
    private final FakeGraphServer fake = new FakeGraphServer()
            .addUser("anna@mjolby.se", "Anna Svensson")
            .addUser("bo@mjolby.se", "Bo Ek")
            .addUser("chef@mjolby.se", "Chef Chefsson")
            .manager("anna@mjolby.se", "chef@mjolby.se")
            .manager("bo@mjolby.se", "chef@mjolby.se");
    private final GraphGateway graph = fake.gateway();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void automatic_replies_written_are_read_back_the_same() {
        AutoReplies on = new AutoReplies(AutoReplies.Status.SCHEDULED, Instant.parse("2026-12-01T07:00:00Z"),
                Instant.parse("2026-12-05T16:00:00Z"), "Ledig", "Away", AutoReplies.ExternalAudience.ALL);
        graph.setAutoReplies("anna@mjolby.se", on);
        assertEquals(on, graph.autoReplies("anna@mjolby.se"));
        assertEquals(on, graph.autoRepliesOf(List.of("anna@mjolby.se")).get("anna@mjolby.se").value());
        assertTrue(on.activeAt(Instant.parse("2026-12-02T10:00:00Z")));
        assertEquals(1, fake.writes("anna@mjolby.se"));
    }

    @Test
    void a_forwarding_rule_is_created_listed_and_deleted() {
        InboxRule created = graph.createInboxRule("anna@mjolby.se",
                new InboxRule(null, "Frånvaro", 1, true, List.of("bo@mjolby.se"), List.of()));
        assertTrue(created.ownedByPostvakt());
        assertEquals(List.of(created), graph.inboxRules("anna@mjolby.se"));
        assertEquals(List.of(created), graph.inboxRulesOf(List.of("anna@mjolby.se")).get("anna@mjolby.se").value());
        graph.deleteInboxRule("anna@mjolby.se", created.id());
        assertEquals(List.of(), graph.inboxRules("anna@mjolby.se"));
        assertEquals(2, fake.writes("anna@mjolby.se"));
    }

    @Test
    void a_calendar_delegate_is_added_and_removed() {
        CalendarPermission p = graph.addCalendarDelegate("anna@mjolby.se", "bo@mjolby.se", "Bo Ek");
        assertEquals(List.of(p), graph.calendarPermissions("anna@mjolby.se"));
        graph.removeCalendarPermission("anna@mjolby.se", p.id());
        assertEquals(List.of(), fake.calendarPermissions("anna@mjolby.se"));
    }

    @Test
    void out_of_office_events_carry_times_but_never_the_subject() {
        fake.event("anna@mjolby.se", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"),
                "oof", "Semester i Thailand");
        fake.event("anna@mjolby.se", Instant.parse("2026-12-02T09:00:00Z"), Instant.parse("2026-12-02T10:00:00Z"),
                "busy", "Möte");
        List<CalendarEvent> events = graph.outOfOfficeEvents("anna@mjolby.se", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-31T00:00:00Z"));
        assertEquals(1, events.size());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), events.get(0).start());
        assertFalse(fake.requests().stream().anyMatch(r -> r.getUrl().toString().contains("subject")));
    }

    @Test
    void managers_and_direct_reports_follow_the_fakes_relations() {
        assertEquals("Chef Chefsson", graph.manager("anna@mjolby.se").orElseThrow().displayName());
        assertTrue(graph.manager("chef@mjolby.se").isEmpty());
        assertEquals(List.of("Anna Svensson", "Bo Ek"),
                graph.directReports("chef@mjolby.se").stream().map(GraphUser::displayName).toList());
    }

    @Test
    void a_report_to_it_is_sent_from_the_given_mailbox() {
        graph.sendMail("bo@mjolby.se", new OutgoingMail(List.of("it@mjolby.se"), "Misstänkt mejl", "Rapport"));
        assertEquals(1, fake.sentMail().size());
        assertEquals("bo@mjolby.se", fake.sentMail().get(0).get("from"));
    }
}
