package se.postvakt.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics sources for tests: deterministic counts for every day, derived from the date, so the API and the charts
 * have something to show. Records the ranges it was asked for.
 */
public final class SampleStats {
    public final List<LocalDate[]> asked = new ArrayList<>();

    public StatsSources sources() {
        StatsSource.Compose compose = new StatsSource.Compose() {
            @Override
            public List<StatsSource.ComposeDay> days(LocalDate from, LocalDate to) {
                asked.add(new LocalDate[] {from, to});
                return weekdays(from, to).stream().map(d -> new StatsSource.ComposeDay(d, 400 + n(d, 97), 30 + n(d, 23), n(d, 5))).toList();
            }

            @Override
            public List<StatsSource.RuleCount> rules(LocalDate from, LocalDate to) {
                List<StatsSource.RuleCount> out = new ArrayList<>();
                // Newest first on purpose: the API puts the days in order.
                List<LocalDate> days = new ArrayList<>(weekdays(from, to));
                java.util.Collections.reverse(days);
                for (LocalDate d : days) {
                    out.add(new StatsSource.RuleCount(d, "personnummer", "warn", 5 + n(d, 11)));
                    out.add(new StatsSource.RuleCount(d, "personnummer", "block", n(d, 3)));
                    out.add(new StatsSource.RuleCount(d, "attachments", "warn", 8 + n(d, 13)));
                    out.add(new StatsSource.RuleCount(d, "audience", "warn", 2 + n(d, 5)));
                    out.add(new StatsSource.RuleCount(d, "confidential", "warn", 1 + n(d, 7)));
                }
                return out;
            }
        };
        StatsSource.Sender sender = (from, to) -> weekdays(from, to).stream()
                .map(d -> new StatsSource.SenderDay(d, 900 + n(d, 101), 6 + n(d, 9), n(d, 3), 2 + n(d, 4))).toList();
        StatsSource.Absences absences = (from, to) -> from.datesUntil(to.plusDays(1))
                .map(d -> new StatsSource.AbsenceDay(d, 20 + n(d, 9), 18 + n(d, 9), 2, 7 + n(d, 4))).toList();
        return new StatsSources(compose, sender, absences);
    }

    private static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).filter(d -> d.getDayOfWeek().getValue() < 6).toList();
    }

    private static int n(LocalDate d, int mod) {
        return d.getDayOfYear() * 7 % mod;
    }
}
