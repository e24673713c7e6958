package se.postvakt.sender;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.postvakt.stats.StatsSource;

/**
 * Sender checks and reports to IT per day for the follow-up statistics: checks by verdict from the daily counters,
 * reports counted from the stored reports. Counts only; no sender, reporter or reason text leaves here.
 */
final class SenderDaily implements StatsSource.Sender {
    private final SenderRepository repository;
    private final SenderStats counters;
    private final Supplier<ZoneId> zone;

    SenderDaily(SenderRepository repository, SenderStats counters, Supplier<ZoneId> zone) {
        this.repository = repository;
        this.counters = counters;
        this.zone = zone;
    }

    @Override
    public List<StatsSource.SenderDay> days(LocalDate from, LocalDate to) {
        counters.flush();
        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (SenderRepository.DailyCount c : repository.daily(from, to)) {
            if (!c.reason().isEmpty()) {
                continue;
            }
            long[] d = byDay.computeIfAbsent(c.day(), k -> new long[4]);
            d[0] += c.checks();
            if ("suspicious".equals(c.verdict())) {
                d[1] += c.checks();
            } else if ("dangerous".equals(c.verdict())) {
                d[2] += c.checks();
            }
        }
        ZoneId z = zone.get();
        Instant start = from.atStartOfDay(z).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(z).toInstant();
        for (Instant at : repository.reportTimes(start, end)) {
            byDay.computeIfAbsent(LocalDate.ofInstant(at, z), k -> new long[4])[3]++;
        }
        List<StatsSource.SenderDay> out = new ArrayList<>();
        byDay.forEach((day, d) -> out.add(new StatsSource.SenderDay(day, d[0], d[1], d[2], d[3])));
        return out;
    }
}
