package se.postvakt.absence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyStore;
import se.postvakt.stats.StatsSource;

/**
 * Counts of absences for the follow-up statistics: after each reconcile pass, today's row says how many absences are
 * active, how many have a reply on, and how many hand the mail to a delegate. Counts only.
 */
public final class AbsenceDaily implements StatsSource.Absences {
    private final Sql sql;
    private final AbsenceRepository repo;
    private final PolicyStore policy;
    private final Clock clock;

    AbsenceDaily(Sql sql, AbsenceRepository repo, PolicyStore policy, Clock clock) {
        this.sql = sql;
        this.repo = repo;
        this.policy = policy;
        this.clock = clock;
    }

    /** Writes today's counts as they are now. */
    void snapshot() {
        Instant now = clock.instant();
        Map<String, MailboxState> states = repo.allStates();
        int active = 0;
        int withReply = 0;
        int delegations = 0;
        for (List<Absence> list : repo.begunAndOpen(now).values()) {
            for (Absence a : list) {
                if (!a.activeAt(now)) {
                    continue;
                }
                active++;
                MailboxState st = states.get(a.user());
                if (st != null && st.replyOn()) {
                    withReply++;
                }
                if (st != null && st.ruleId != null) {
                    delegations++;
                }
            }
        }
        LocalDate today = LocalDate.ofInstant(now, policy.current().timeZone());
        sql.update("MERGE INTO absence_daily t USING (VALUES (CAST(? AS DATE), ?, ?, ?, ?)) AS v(d, a, w, wo, dl) "
                + "ON t.stat_day = v.d "
                + "WHEN MATCHED THEN UPDATE SET active = v.a, with_reply = v.w, without_reply = v.wo, delegations = v.dl "
                + "WHEN NOT MATCHED THEN INSERT (stat_day, active, with_reply, without_reply, delegations) "
                + "VALUES (v.d, v.a, v.w, v.wo, v.dl)", today, active, withReply, active - withReply, delegations);
    }

    @Override
    public List<StatsSource.AbsenceDay> days(LocalDate from, LocalDate to) {
        return sql.query("SELECT stat_day, active, with_reply, without_reply, delegations FROM absence_daily "
                        + "WHERE stat_day >= ? AND stat_day <= ? ORDER BY stat_day",
                rs -> new StatsSource.AbsenceDay(rs.getObject("stat_day", LocalDate.class), rs.getLong("active"),
                        rs.getLong("with_reply"), rs.getLong("without_reply"), rs.getLong("delegations")), from, to);
    }
}
