package se.postvakt.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * Where the follow-up statistics come from, one interface per feature area. Each answers with daily counts for the
 * days {@code from} to {@code to}, both inclusive; days without activity may be left out. Counts only: never
 * content, subjects, names or addresses.
 */
public final class StatsSource {
    private StatsSource() {
    }

    /** Counts the compose check records per day, and per day, rule and severity. */
    public interface Compose {
        List<ComposeDay> days(LocalDate from, LocalDate to);

        List<RuleCount> rules(LocalDate from, LocalDate to);
    }

    /** Counts of sender checks and of reports to IT per day. */
    public interface Sender {
        List<SenderDay> days(LocalDate from, LocalDate to);
    }

    /** Counts of absences per day, with and without an automatic reply, and delegations. */
    public interface Absences {
        List<AbsenceDay> days(LocalDate from, LocalDate to);
    }

    /** One day of compose checks: how many ran, how many warned, how many blocked. */
    public record ComposeDay(LocalDate day, long checks, long withWarnings, long withBlocks) {
    }

    /** How often one rule fired with one severity on one day. */
    public record RuleCount(LocalDate day, String rule, String severity, long count) {
    }

    /** One day of sender checks: checked, judged suspicious or dangerous, and reports to IT. */
    public record SenderDay(LocalDate day, long checked, long suspicious, long dangerous, long reports) {
    }

    /** One day of absences: active ones, with and without a reply, and active delegations. */
    public record AbsenceDay(LocalDate day, long active, long withReply, long withoutReply, long delegations) {
    }
}
