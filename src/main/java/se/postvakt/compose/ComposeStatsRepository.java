package se.postvakt.compose;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import se.postvakt.db.Sql;

/**
 * The daily compose counts ({@code compose_daily}, {@code compose_rule_daily}). Writes are additive upserts in
 * standard {@code MERGE ... USING (VALUES ...)}, which H2 and PostgreSQL 15 both run.
 */
public final class ComposeStatsRepository {
    private final Sql sql;

    public ComposeStatsRepository(Sql sql) {
        this.sql = sql;
    }

    /** Per-day check counts for the admin statistics. */
    public record Day(LocalDate day, long checks, long warned, long blocked) {
    }

    /** Per-day findings of one rule at one severity. */
    public record RuleDay(LocalDate day, String rule, String severity, long findings) {
    }

    void addChecks(LocalDate day, long checks, long warned, long blocked) {
        retryOnce(() -> sql.update("MERGE INTO compose_daily t USING (VALUES (CAST(? AS DATE), CAST(? AS BIGINT), "
                + "CAST(? AS BIGINT), CAST(? AS BIGINT))) AS v(stat_date, checks, warned, blocked) ON t.stat_date = v.stat_date "
                + "WHEN MATCHED THEN UPDATE SET checks = t.checks + v.checks, warned = t.warned + v.warned, "
                + "blocked = t.blocked + v.blocked "
                + "WHEN NOT MATCHED THEN INSERT (stat_date, checks, warned, blocked) VALUES (v.stat_date, v.checks, v.warned, v.blocked)",
                Date.valueOf(day), checks, warned, blocked));
    }

    void addFindings(LocalDate day, String rule, String severity, long n) {
        retryOnce(() -> sql.update("MERGE INTO compose_rule_daily t USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(64)), "
                + "CAST(? AS VARCHAR(16)), CAST(? AS BIGINT))) AS v(stat_date, rule, severity, findings) "
                + "ON t.stat_date = v.stat_date AND t.rule = v.rule AND t.severity = v.severity "
                + "WHEN MATCHED THEN UPDATE SET findings = t.findings + v.findings "
                + "WHEN NOT MATCHED THEN INSERT (stat_date, rule, severity, findings) VALUES (v.stat_date, v.rule, v.severity, v.findings)",
                Date.valueOf(day), rule, severity, n));
    }

    /** Two instances inserting the same new day at once: the loser's MERGE fails on the key, the retry updates. */
    private static void retryOnce(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            write.run();
        }
    }

    public List<Day> days(LocalDate from, LocalDate to) {
        return sql.query("SELECT stat_date, checks, warned, blocked FROM compose_daily WHERE stat_date BETWEEN ? AND ? ORDER BY stat_date",
                rs -> new Day(rs.getDate("stat_date").toLocalDate(), rs.getLong("checks"), rs.getLong("warned"), rs.getLong("blocked")),
                Date.valueOf(from), Date.valueOf(to));
    }

    public List<RuleDay> rules(LocalDate from, LocalDate to) {
        return sql.query("SELECT stat_date, rule, severity, findings FROM compose_rule_daily WHERE stat_date BETWEEN ? AND ? "
                        + "ORDER BY stat_date, rule, severity",
                rs -> new RuleDay(rs.getDate("stat_date").toLocalDate(), rs.getString("rule"), rs.getString("severity"),
                        rs.getLong("findings")),
                Date.valueOf(from), Date.valueOf(to));
    }
}
