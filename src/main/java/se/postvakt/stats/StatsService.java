package se.postvakt.stats;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts the follow-up statistics of every feature area together for one day range, days in order. An area without a
 * source is marked {@code available: false} with empty lists.
 */
public final class StatsService {
    private final StatsSources sources;

    public StatsService(StatsSources sources) {
        this.sources = sources;
    }

    /** The response body of {@code GET /api/v1/stats}. */
    public Map<String, Object> report(StatsRange range) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", range.from().toString());
        out.put("to", range.to().toString());
        StatsSource.Compose compose = sources.compose();
        out.put("compose", compose == null ? area(false, "days", List.of(), "rules", List.of()) : area(true,
                "days", sorted(compose.days(range.from(), range.to()), StatsSource.ComposeDay::day),
                "rules", compose.rules(range.from(), range.to()).stream().sorted(Comparator
                        .comparing(StatsSource.RuleCount::day).thenComparing(StatsSource.RuleCount::rule)
                        .thenComparing(StatsSource.RuleCount::severity)).toList()));
        StatsSource.Sender sender = sources.sender();
        out.put("sender", sender == null ? area(false, "days", List.of())
                : area(true, "days", sorted(sender.days(range.from(), range.to()), StatsSource.SenderDay::day)));
        StatsSource.Absences absences = sources.absences();
        out.put("absences", absences == null ? area(false, "days", List.of())
                : area(true, "days", sorted(absences.days(range.from(), range.to()), StatsSource.AbsenceDay::day)));
        return out;
    }

    private static <T, K extends Comparable<K>> List<T> sorted(List<T> rows, Function<T, K> key) {
        return rows.stream().sorted(Comparator.comparing(key)).toList();
    }

    private static Map<String, Object> area(boolean available, Object... lists) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", available);
        for (int i = 0; i < lists.length; i += 2) {
            m.put((String) lists[i], lists[i + 1]);
        }
        return m;
    }
}
