package se.postvakt.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.postvakt.audit.AuditEvent;
import se.postvakt.audit.AuditLog;
import se.postvakt.graph.AutoReplies;
import se.postvakt.graph.CalendarPermission;
import se.postvakt.graph.InboxRule;

class AbsenceLifecycleTest {
    static final String ANNA = "anna.svensson@mjolby.se";
    static final String BO = "bo.nilsson@mjolby.se";
    static final AutoReplies OLD = new AutoReplies(AutoReplies.Status.DISABLED, null, null, "<p>gammal intern</p>",
            "<p>gammal extern</p>", AutoReplies.ExternalAudience.CONTACTS_ONLY);

    @Test
    void short_absence_gets_a_reply_only_and_the_old_reply_back_exactly_afterwards() {
        try (Fixture f = new Fixture()) {
            f.graph.setReplies(ANNA, OLD);
            Instant start = f.clock.instant().plus(Duration.ofHours(1));
            Instant end = start.plus(Duration.ofHours(30));
            AbsenceService.View v = f.register(ANNA, start, end, BO);
            assertEquals("planned", v.status());
            assertFalse(v.delegateApplies(), "30 hours is not longer than two days");

            assertEquals(0, f.pass().examined(), "nothing is done before the absence begins");
            assertEquals(0, f.graph.writes());

            f.clock.advance(Duration.ofHours(2));
            Reconciler.Summary s = f.pass();
            assertEquals(1, s.examined());
            assertEquals(1, s.changed());
            AutoReplies on = f.graph.repliesOf(ANNA);
            assertEquals(AutoReplies.Status.SCHEDULED, on.status());
            assertEquals(start, on.start());
            assertEquals(end, on.end());
            assertTrue(on.internalMessage().contains("Anna Svensson"), on.internalMessage());
            assertTrue(on.internalMessage().contains("onsdag 2 december 2026"), on.internalMessage());
            assertTrue(on.internalMessage().contains("Wednesday 2 December 2026"), on.internalMessage());
            assertFalse(on.externalMessage().contains("hemligt"), "the reason never goes into a reply");
            assertFalse(on.externalMessage().contains("{"), "every placeholder is filled: " + on.externalMessage());
            assertFalse(on.internalMessage().contains("Bo Nilsson"), "a short absence names no delegate");
            assertTrue(f.graph.rulesOf(ANNA).isEmpty());
            assertEquals("active", f.service().get(Fixture.staff(ANNA), v.id()).status());
            assertEquals("postvakt", f.service().get(Fixture.staff(ANNA), v.id()).reply());

            f.graph.resetCounts();
            assertEquals(0, f.pass().changed());
            assertEquals(0, f.graph.writes(), "a second pass with nothing new writes nothing");

            f.clock.set(end.plusSeconds(60));
            assertEquals(1, f.pass().changed());
            assertEquals(OLD, f.graph.repliesOf(ANNA), "restored exactly: status, texts, schedule and audience");
            assertEquals("ended", f.service().get(Fixture.staff(ANNA), v.id()).status());

            f.graph.resetCounts();
            assertEquals(0, f.pass().examined(), "nothing is held any more");
            assertEquals(0, f.graph.writes() + f.graph.reads());
        }
    }

    @Test
    void long_absence_gets_reply_rule_and_calendar_delegate_and_everything_is_taken_back_when_ended_early() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.calendarDelegate", true);
            f.policy("absence.functionalMailbox", "kontakt@mjolby.se");
            f.graph.setReplies(ANNA, OLD);
            f.graph.addPermission(ANNA, "cecilia.ek@mjolby.se", "read");
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(7)), BO);
            assertTrue(v.delegateApplies());

            Reconciler.Summary s = f.pass();
            assertEquals(1, s.changed());
            AutoReplies on = f.graph.repliesOf(ANNA);
            assertTrue(on.internalMessage().contains("Bo Nilsson (bo.nilsson@mjolby.se)"), on.internalMessage());
            assertTrue(on.externalMessage().contains("kontakt@mjolby.se"), on.externalMessage());
            List<InboxRule> rules = f.graph.rulesOf(ANNA);
            assertEquals(1, rules.size());
            assertTrue(rules.get(0).displayName().contains(InboxRule.MARKER));
            assertEquals(List.of(BO), rules.get(0).redirectTo(), "policy default forwardMode is redirect");
            assertEquals(2, f.graph.permissionsOf(ANNA).size());
            assertTrue(f.graph.permissionsOf(ANNA).stream().anyMatch(p -> p.address().equals(BO)));

            Map<String, Object> compliance = f.service().compliance(Fixture.admin("it@mjolby.se"));
            assertEquals(1, ((List<?>) compliance.get("delegations")).size(), compliance.toString());

            f.graph.resetCounts();
            f.pass();
            assertEquals(0, f.graph.writes(), "idempotent with a rule and a calendar permission in place");

            f.clock.advance(Duration.ofDays(2));
            AbsenceService.View ended = f.service().end(Fixture.staff(ANNA), v.id());
            assertEquals("ended", ended.status());
            f.pass();
            assertEquals(OLD, f.graph.repliesOf(ANNA));
            assertTrue(f.graph.rulesOf(ANNA).isEmpty());
            List<CalendarPermission> left = f.graph.permissionsOf(ANNA);
            assertEquals(1, left.size(), "Cecilia's own permission stays");
            assertEquals("cecilia.ek@mjolby.se", left.get(0).address());

            List<AuditEvent> events = f.audit.find(new AuditLog.Filter(ANNA, null, null, null, null, null, 100));
            assertEquals(List.of("auto-replies.restore", "calendar-permission.remove", "inbox-rule.delete",
                    "calendar-permission.add", "inbox-rule.create", "auto-replies.set"),
                    events.stream().map(AuditEvent::action).toList());
            for (AuditEvent e : events) {
                assertEquals(ANNA, e.askedBy());
                assertEquals("ok", e.result());
                assertFalse(e.detail().contains("hemligt") || e.detail().contains("gammal") || e.detail().contains("Hej"),
                        e.detail());
            }
        }
    }

    @Test
    void forward_copy_mode_makes_a_forwarding_rule_and_a_new_delegate_replaces_the_old_rule() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.forwardMode", "forwardCopy");
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(5)), BO);
            f.pass();
            assertEquals(List.of(BO), f.graph.rulesOf(ANNA).get(0).forwardTo());
            f.service().update(Fixture.staff(ANNA), v.id(), Fixture.json("{'delegate':'cecilia.ek@mjolby.se'}"));
            f.pass();
            List<InboxRule> rules = f.graph.rulesOf(ANNA);
            assertEquals(1, rules.size());
            assertEquals(List.of("cecilia.ek@mjolby.se"), rules.get(0).forwardTo());
            assertTrue(f.graph.repliesOf(ANNA).internalMessage().contains("Cecilia Ek"));
        }
    }

    @Test
    void a_person_whose_own_reply_was_on_is_left_alone_and_recorded_as_complying() {
        try (Fixture f = new Fixture()) {
            AutoReplies own = new AutoReplies(AutoReplies.Status.ALWAYS_ENABLED, null, null, "Min egen text",
                    "My own text", AutoReplies.ExternalAudience.ALL);
            f.graph.setReplies(ANNA, own);
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(1)), null);
            f.pass();
            assertEquals(0, f.graph.writes("setAutoReplies"));
            assertEquals(own, f.graph.repliesOf(ANNA));
            assertEquals("own", f.service().get(Fixture.staff(ANNA), v.id()).reply());
            Map<String, Object> c = f.service().compliance(Fixture.admin("it@mjolby.se"));
            assertEquals(1, ((List<?>) c.get("alreadyComplied")).size(), c.toString());
            assertEquals(0, ((List<?>) c.get("absentWithoutReply")).size(), c.toString());

            f.clock.advance(Duration.ofDays(2));
            f.pass();
            assertEquals(0, f.graph.writes(), "their reply was theirs: nothing to restore");
            assertEquals(own, f.graph.repliesOf(ANNA));
        }
    }

    @Test
    void throttled_mailbox_fails_alone_is_shown_in_compliance_and_is_retried_after_back_off() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant();
            f.register(ANNA, start, start.plus(Duration.ofDays(1)), null);
            AbsenceService.View bo = f.register(BO, start, start.plus(Duration.ofDays(1)), null);
            f.graph.throttle(BO, 1);

            Reconciler.Summary s = f.pass();
            assertEquals(2, s.examined());
            assertEquals(1, s.changed());
            assertEquals(1, s.failed());
            assertEquals(AutoReplies.Status.SCHEDULED, f.graph.repliesOf(ANNA).status());
            assertEquals(AutoReplies.Status.DISABLED, f.graph.repliesOf(BO).status());
            assertEquals("failed", f.service().get(Fixture.staff(BO), bo.id()).status());
            Map<String, Object> c = f.service().compliance(Fixture.admin("it@mjolby.se"));
            List<?> failures = (List<?>) c.get("failures");
            assertEquals(1, failures.size());
            assertTrue(failures.get(0).toString().contains("THROTTLED"), failures.toString());
            assertEquals(1, ((List<?>) c.get("absentWithoutReply")).size());

            Reconciler.Summary waiting = f.pass();
            assertEquals(1, waiting.deferred(), "waits for its back-off");
            assertEquals(1, waiting.examined(), "Anna only");
            assertEquals(0, waiting.changed());

            f.clock.advance(Duration.ofMinutes(2));
            Reconciler.Summary retried = f.pass();
            assertEquals(1, retried.changed());
            assertEquals(0, retried.failed());
            assertEquals(AutoReplies.Status.SCHEDULED, f.graph.repliesOf(BO).status());
            assertEquals("active", f.service().get(Fixture.staff(BO), bo.id()).status());
            assertTrue(((List<?>) f.service().compliance(Fixture.admin("it@mjolby.se")).get("failures")).isEmpty());
        }
    }

    @Test
    void a_crash_between_two_steps_is_finished_on_the_next_pass_without_duplicates() {
        try (Fixture f = new Fixture()) {
            f.graph.setReplies(ANNA, OLD);
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(7)), BO);
            f.graph.crashAfterWrites(1, false);
            assertCrashes(f);
            assertEquals(1, f.graph.writes("setAutoReplies"));
            assertTrue(f.graph.rulesOf(ANNA).isEmpty(), "crashed before the rule");

            f.restart();
            f.pass();
            assertEquals(1, f.graph.writes("setAutoReplies"), "the reply is not written again");
            assertEquals(1, f.graph.rulesOf(ANNA).size());

            // Ending: crash after the rule is deleted, before the replies are restored.
            f.service().end(Fixture.staff(ANNA), v.id());
            f.graph.crashAfterWrites(1, false);
            assertCrashes(f);
            assertTrue(f.graph.rulesOf(ANNA).isEmpty());
            f.restart();
            f.pass();
            assertEquals(OLD, f.graph.repliesOf(ANNA), "nothing is left behind");
            assertEquals(1, f.graph.writes("deleteInboxRule"));
            assertEquals(0, f.pass().examined());
        }
    }

    @Test
    void a_crash_after_graph_applied_a_step_but_before_it_was_recorded_adopts_instead_of_duplicating() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.calendarDelegate", true);
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(7)), BO);
            for (int step = 0; step < 3; step++) {
                // Each pass gets one write through and loses the answer of the next (applied, then the crash).
                f.graph.crashAfterWrites(0, true);
                assertCrashes(f);
                f.restart();
            }
            f.pass();
            assertEquals(1, f.graph.writes("setAutoReplies"));
            assertEquals(1, f.graph.writes("createInboxRule"));
            assertEquals(1, f.graph.writes("addCalendarDelegate"));
            assertEquals(1, f.graph.rulesOf(ANNA).size());
            assertEquals(1, f.graph.permissionsOf(ANNA).size());
            f.graph.resetCounts();
            f.pass();
            assertEquals(0, f.graph.writes());

            f.service().end(Fixture.staff(ANNA), v.id());
            for (int step = 0; step < 3; step++) {
                f.graph.crashAfterWrites(0, true);
                assertCrashes(f);
                f.restart();
            }
            f.pass();
            assertEquals(AutoReplies.disabled(), f.graph.repliesOf(ANNA));
            assertTrue(f.graph.rulesOf(ANNA).isEmpty());
            assertTrue(f.graph.permissionsOf(ANNA).isEmpty());
            assertEquals(0, f.pass().examined(), "nothing is held any more");
        }
    }

    @Test
    void idempotence_many_mailboxes_second_pass_makes_zero_writes() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.calendarDelegate", true);
            Instant start = f.clock.instant();
            for (int i = 0; i < 25; i++) {
                String u = "person" + i + "@mjolby.se";
                f.graph.user(u, "Person " + i);
                f.register(u, start, start.plus(Duration.ofDays(1 + i % 5)), i % 2 == 0 ? BO : null);
            }
            Reconciler.Summary first = f.pass();
            assertEquals(25, first.examined());
            assertEquals(25, first.changed());
            f.graph.resetCounts();
            Reconciler.Summary second = f.pass();
            assertEquals(25, second.examined());
            assertEquals(0, second.changed());
            assertEquals(0, f.graph.writes());
        }
    }

    @Test
    void an_oof_calendar_event_of_a_day_counts_as_an_absence_and_a_short_one_does_not() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.detectFromCalendar", true);
            Instant now = f.clock.instant();
            f.graph.addEvent(ANNA, new se.postvakt.graph.CalendarEvent("ev1", now.minusSeconds(3600),
                    now.plus(Duration.ofDays(3)), true, "oof"));
            f.graph.addEvent(BO, new se.postvakt.graph.CalendarEvent("ev2", now.minusSeconds(3600),
                    now.plus(Duration.ofHours(2)), false, "oof"));
            f.pass();
            assertEquals(AutoReplies.Status.SCHEDULED, f.graph.repliesOf(ANNA).status());
            assertTrue(f.graph.rulesOf(ANNA).isEmpty(), "no delegate unless the person names one");
            assertEquals(AutoReplies.Status.DISABLED, f.graph.repliesOf(BO).status());
            List<AbsenceService.View> list = f.service().list(Fixture.staff(ANNA), null, null);
            assertEquals(1, list.size());
            assertEquals("calendar", list.get(0).source());
            f.graph.resetCounts();
            f.pass();
            assertEquals(0, f.graph.writes());
            assertNull(list.get(0).delegate());
        }
    }

    @Test
    void when_many_mailboxes_are_throttled_the_pass_brakes_and_leaves_the_rest_for_later() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant();
            for (int i = 0; i < 12; i++) {
                String u = "person" + i + "@mjolby.se";
                f.graph.user(u, "Person " + i);
                f.register(u, start, start.plus(Duration.ofDays(1)), null);
                f.graph.throttle(u, 1);
            }
            Reconciler.Summary s = f.pass();
            assertEquals(Reconciler.THROTTLE_BRAKE, s.failed());
            assertEquals(Reconciler.THROTTLE_BRAKE, s.examined());
            assertEquals(12 - Reconciler.THROTTLE_BRAKE, s.deferred());
            assertEquals(0, f.graph.writes());
        }
    }

    @Test
    void own_texts_are_used_and_a_long_absence_appends_the_delegate_sentence() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant();
            f.service().create(Fixture.staff(ANNA), Fixture.json("{'start':'" + start + "','end':'"
                    + start.plus(Duration.ofDays(10)) + "','delegate':'" + BO + "','autoReply':{'internal':'Borta till {returnDate}.',"
                    + "'external':'Away & <b>back</b>.'}}"));
            f.pass();
            AutoReplies r = f.graph.repliesOf(ANNA);
            assertTrue(r.internalMessage().startsWith("Borta till torsdag 10 december 2026."), r.internalMessage());
            assertTrue(r.internalMessage().contains("Bo Nilsson (bo.nilsson@mjolby.se)"), r.internalMessage());
            assertTrue(r.externalMessage().startsWith("Away &amp; &lt;b&gt;back&lt;/b&gt;."), "own text is text, not HTML: "
                    + r.externalMessage());
            assertTrue(r.internalMessage().contains("<br>"), "line breaks survive Exchange's HTML");
        }
    }

    @Test
    void an_absence_read_from_the_calendar_ends_when_its_event_is_removed() {
        try (Fixture f = new Fixture()) {
            f.policy("absence.detectFromCalendar", true);
            f.graph.setReplies(ANNA, OLD);
            Instant now = f.clock.instant();
            f.graph.addEvent(ANNA, new se.postvakt.graph.CalendarEvent("ev1", now.minusSeconds(60),
                    now.plus(Duration.ofDays(2)), true, "oof"));
            f.pass();
            assertEquals(AutoReplies.Status.SCHEDULED, f.graph.repliesOf(ANNA).status());
            f.graph.removeEvents(ANNA);
            f.clock.advance(CalendarDetector.SCAN_EVERY);
            f.pass();
            assertEquals(OLD, f.graph.repliesOf(ANNA));
        }
    }

    private static void assertCrashes(Fixture f) {
        try {
            f.pass();
        } catch (InMemoryGraph.Crash expected) {
            return;
        }
        throw new AssertionError("the simulated crash did not happen");
    }
}
