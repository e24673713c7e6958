package se.postvakt.absence;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.audit.AuditLog;
import se.postvakt.graph.AutoReplies;
import se.postvakt.graph.CalendarPermission;
import se.postvakt.graph.GraphException;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.InboxRule;
import se.postvakt.graph.Outcome;
import se.postvakt.web.Json;

/**
 * Brings one mailbox to its {@link Plan}, writing only differences. Every Graph write is preceded by an intent saved
 * in {@link MailboxState} and followed by its confirmation, and is recorded in the audit log.
 */
final class MailboxSteps {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxSteps.class);
    static final String RULE_NAME = InboxRule.MARKER + " Frånvaro: e-post till ombud / Absence: mail to delegate";

    private final AbsenceRepository repo;
    private final GraphGateway graph;
    private final AuditLog audit;
    private final Instant now;
    private final MailboxState st;
    private final Plan plan;
    private int writes;

    MailboxSteps(AbsenceRepository repo, GraphGateway graph, AuditLog audit, Instant now, MailboxState st, Plan plan) {
        this.repo = repo;
        this.graph = graph;
        this.audit = audit;
        this.now = now;
        this.st = st;
        this.plan = plan;
    }

    /** Runs the steps in order (replies first when an absence begins, last when it is over); returns the writes. */
    int run(Outcome<AutoReplies> replies, Outcome<List<InboxRule>> rules) {
        if (plan.active() != null) {
            replyDuringAbsence(replies);
            rule(rules);
            calendar();
        } else {
            rule(rules);
            calendar();
            restoreReplies(replies);
        }
        return writes;
    }

    int writes() {
        return writes;
    }

    /** Whether the inbox rules of this mailbox need to be read this pass. */
    static boolean needsRules(Plan plan, MailboxState st) {
        return plan.delegateApplies() || st.ruleId != null || st.rulePending;
    }

    private void replyDuringAbsence(Outcome<AutoReplies> o) {
        AutoReplies cur = value(o);
        AutoReplies want = plan.wanted();
        String fp = ReplyTexts.fingerprint(want);
        String mode = st.replyMode;
        if (MailboxState.OURS.equals(mode) || MailboxState.PENDING.equals(mode)) {
            if (ReplyTexts.hasShapeOf(cur, st.replyHash)) {
                if (fp.equals(st.replyHash)) {
                    if (MailboxState.PENDING.equals(mode)) {
                        st.replyMode = MailboxState.OURS;
                        save();
                    }
                    return;
                }
                setOurs(want, fp);
                return;
            }
            boolean neverWritten = MailboxState.PENDING.equals(mode) && st.snapshot != null
                    && ReplyTexts.same(cur, snapshot());
            if (!neverWritten && cur.activeAt(now)) {
                // The person changed Postvakt's reply and it is on: it is theirs now, and theirs to keep afterwards.
                st.replyMode = MailboxState.THEIRS;
                st.replyHash = null;
                st.snapshot = null;
                save();
                return;
            }
            setOurs(want, fp);
            return;
        }
        if (cur.activeAt(now)) {
            if (!MailboxState.THEIRS.equals(mode)) {
                st.replyMode = MailboxState.THEIRS;
                save();
            }
            return;
        }
        if (st.snapshot == null) {
            st.snapshot = toJson(cur);
        }
        setOurs(want, fp);
    }

    private void setOurs(AutoReplies want, String fp) {
        st.replyMode = MailboxState.PENDING;
        st.replyHash = fp;
        save();
        String texts = plan.active().ownInternal() != null || plan.active().ownExternal() != null ? "own texts" : "policy templates";
        write("auto-replies.set", ReplyTexts.marker(want) + ", " + texts
                + (plan.delegateApplies() ? ", names delegate " + plan.active().delegate() : ""), () -> {
                    graph.setAutoReplies(st.user, want);
                    return null;
                });
        st.replyMode = MailboxState.OURS;
        save();
    }

    private void restoreReplies(Outcome<AutoReplies> o) {
        if (st.snapshot == null) {
            if (st.replyMode != null) {
                st.replyMode = null;
                st.replyHash = null;
                save();
            }
            return;
        }
        AutoReplies cur = value(o);
        AutoReplies before = snapshot();
        if (!ReplyTexts.same(cur, before)) {
            if (ReplyTexts.hasShapeOf(cur, st.replyHash)) {
                write("auto-replies.restore", "back to " + ReplyTexts.marker(before) + " as before the absence", () -> {
                    graph.setAutoReplies(st.user, before);
                    return null;
                });
            } else {
                LOG.info("automatic replies of {} were changed during the absence; left as the person set them", st.user);
            }
        }
        st.snapshot = null;
        st.replyMode = null;
        st.replyHash = null;
        save();
    }

    private void rule(Outcome<List<InboxRule>> o) {
        boolean want = plan.delegateApplies();
        if (!want && st.ruleId == null && !st.rulePending) {
            return;
        }
        List<InboxRule> ours = new ArrayList<>();
        for (InboxRule r : value(o)) {
            if (r.ownedByPostvakt() || r.id().equals(st.ruleId)) {
                ours.add(r);
            }
        }
        if (!want) {
            for (InboxRule r : ours) {
                deleteRule(r, "absence over");
            }
            st.ruleId = null;
            st.rulePending = false;
            st.ruleDelegate = null;
            st.ruleMode = null;
            save();
            return;
        }
        String delegate = plan.active().delegate();
        String mode = plan.forwardMode();
        InboxRule keep = ours.stream().filter(r -> r.enabled() && targets(r, delegate, mode)).findFirst().orElse(null);
        for (InboxRule r : ours) {
            if (r != keep) {
                deleteRule(r, "replaced: delegate or forward mode changed, or a duplicate");
            }
        }
        if (keep != null) {
            if (!keep.id().equals(st.ruleId) || st.rulePending || !delegate.equals(st.ruleDelegate)) {
                st.ruleId = keep.id();
                st.rulePending = false;
                st.ruleDelegate = delegate;
                st.ruleMode = mode;
                save();
            }
            return;
        }
        st.ruleId = null;
        st.rulePending = true;
        st.ruleDelegate = delegate;
        st.ruleMode = mode;
        save();
        InboxRule created = write("inbox-rule.create", mode + " to " + delegate, () -> graph.createInboxRule(st.user,
                new InboxRule(null, RULE_NAME, 1, true, "forwardCopy".equals(mode) ? List.of(delegate) : List.of(),
                        "forwardCopy".equals(mode) ? List.of() : List.of(delegate))));
        st.ruleId = created.id();
        st.rulePending = false;
        save();
    }

    private static boolean targets(InboxRule r, String delegate, String mode) {
        List<String> to = "forwardCopy".equals(mode) ? r.forwardTo() : r.redirectTo();
        List<String> other = "forwardCopy".equals(mode) ? r.redirectTo() : r.forwardTo();
        return other.isEmpty() && to.size() == 1 && to.get(0).equalsIgnoreCase(delegate);
    }

    private void deleteRule(InboxRule r, String why) {
        removal("inbox-rule.delete", why, () -> graph.deleteInboxRule(st.user, r.id()));
    }

    /** A removal whose target is already gone has done its job (a crash may have come between it and its record). */
    private void removal(String action, String detail, Runnable call) {
        write(action, detail, () -> {
            try {
                call.run();
            } catch (GraphException e) {
                if (e.kind() != GraphException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    private void calendar() {
        boolean want = plan.calendarWanted();
        if (!want && st.calPermId == null && !st.calPending) {
            return;
        }
        List<CalendarPermission> perms = graph.calendarPermissions(st.user);
        String delegate = want ? plan.active().delegate() : null;
        if (st.calDelegate != null && (delegate == null || !st.calDelegate.equalsIgnoreCase(delegate))) {
            for (CalendarPermission cp : perms) {
                if (cp.id().equals(st.calPermId) || (st.calPending && sameAddress(cp, st.calDelegate))) {
                    removal("calendar-permission.remove", "delegate " + st.calDelegate,
                            () -> graph.removeCalendarPermission(st.user, cp.id()));
                }
            }
            st.calPermId = null;
            st.calPending = false;
            st.calDelegate = null;
            save();
        }
        if (!want) {
            return;
        }
        Optional<CalendarPermission> existing = perms.stream().filter(cp -> sameAddress(cp, delegate)).findFirst();
        if (st.calPermId != null || st.calPending) {
            if (existing.isPresent()) {
                if (!existing.get().id().equals(st.calPermId) || st.calPending) {
                    st.calPermId = existing.get().id();
                    st.calPending = false;
                    save();
                }
                return;
            }
        } else if (existing.isPresent()) {
            // The delegate had calendar access before: not Postvakt's to give or to take back.
            return;
        }
        st.calPending = true;
        st.calDelegate = delegate;
        save();
        String name = plan.active().delegateName() == null ? delegate : plan.active().delegateName();
        CalendarPermission added = write("calendar-permission.add", "delegate " + delegate,
                () -> graph.addCalendarDelegate(st.user, delegate, name));
        st.calPermId = added.id();
        st.calPending = false;
        save();
    }

    private static boolean sameAddress(CalendarPermission cp, String address) {
        return cp.address() != null && cp.address().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT));
    }

    private <T> T write(String action, String detail, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (GraphException e) {
            audit.record(plan.askedBy(), st.user, action, detail, "failed: " + e.kind(), plan.absenceId());
            throw e;
        }
        writes++;
        audit.record(plan.askedBy(), st.user, action, detail, AuditLog.OK, plan.absenceId());
        return result;
    }

    private void save() {
        repo.save(st, now);
    }

    private static <T> T value(Outcome<T> o) {
        if (o == null) {
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "no answer for this mailbox in the bulk read");
        }
        if (!o.isOk()) {
            throw o.error();
        }
        return o.value();
    }

    private AutoReplies snapshot() {
        try {
            return Json.MAPPER.readValue(st.snapshot, AutoReplies.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot of " + st.user + " is not readable", e);
        }
    }

    private static String toJson(AutoReplies r) {
        try {
            return Json.MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
