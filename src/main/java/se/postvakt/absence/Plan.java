package se.postvakt.absence;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import se.postvakt.graph.AutoReplies;
import se.postvakt.policy.PolicyDocument;

/**
 * The desired state of one mailbox at one instant: the absence in force (if any), whether a delegate applies, and
 * the replies wanted. Absences that are over but not yet closed are listed so the pass can close them.
 */
record Plan(Absence active, boolean delegateApplies, boolean calendarWanted, String forwardMode, AutoReplies wanted,
            List<Absence> ended) {

    static Plan of(List<Absence> open, PolicyDocument p, Instant now) {
        // A registered absence wins over one read from the calendar; then the one that began first.
        Absence active = open.stream().filter(a -> a.activeAt(now))
                .min(Comparator.comparing((Absence a) -> !Absence.REGISTERED.equals(a.source())).thenComparing(Absence::start))
                .orElse(null);
        List<Absence> ended = open.stream().filter(a -> !a.closed() && !now.isBefore(a.end())).toList();
        if (active == null) {
            return new Plan(null, false, false, null, null, ended);
        }
        boolean delegate = active.delegate() != null
                && active.length().compareTo(Duration.ofDays(p.getLong("absence.delegateAfterDays"))) > 0;
        return new Plan(active, delegate, delegate && p.getBoolean("absence.calendarDelegate"),
                p.getString("absence.forwardMode"), ReplyTexts.desired(p, active, delegate), ended);
    }

    /** Who asked for what is done now: the person behind the absence in force, else behind the one that ended. */
    String askedBy() {
        if (active != null) {
            return active.updatedBy();
        }
        return ended.isEmpty() ? "reconciler" : ended.get(ended.size() - 1).updatedBy();
    }

    String absenceId() {
        if (active != null) {
            return active.id();
        }
        return ended.isEmpty() ? null : ended.get(ended.size() - 1).id();
    }
}
