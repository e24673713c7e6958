package se.postvakt.sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import se.postvakt.db.Sql;

/** Stored sender reports and the daily check counts; the same SQL runs on H2 (PostgreSQL mode) and PostgreSQL. */
public final class SenderRepository {
    /** Adds to a day's count or creates it, in one statement on both databases. */
    static final String MERGE_DAILY = "MERGE INTO sender_check_daily t USING (VALUES (CAST(? AS DATE), "
            + "CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT))) AS v(check_day, verdict, reason, checks) "
            + "ON t.check_day = v.check_day AND t.verdict = v.verdict AND t.reason = v.reason "
            + "WHEN MATCHED THEN UPDATE SET checks = t.checks + v.checks "
            + "WHEN NOT MATCHED THEN INSERT (check_day, verdict, reason, checks) "
            + "VALUES (v.check_day, v.verdict, v.reason, v.checks)";

    private final Sql sql;

    public SenderRepository(Sql sql) {
        this.sql = sql;
    }

    /** One day's count for a verdict and a reason code ({@code ""} for the checks themselves). */
    public record DailyCount(LocalDate day, String verdict, String reason, long checks) {
    }

    /** Stores a report and answers it with its id. */
    public SenderReport insert(SenderReport r) {
        return sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sender_report (reported_at, reported_by, "
                    + "internet_message_id, from_address, from_name, reasons, user_comment, mailed, mail_note) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setTimestamp(1, java.sql.Timestamp.from(r.reportedAt()));
                ps.setString(2, r.reportedBy());
                ps.setString(3, r.internetMessageId());
                ps.setString(4, r.fromAddress());
                ps.setString(5, r.fromName());
                ps.setString(6, String.join(",", r.reasons()));
                ps.setString(7, r.comment());
                ps.setBoolean(8, r.mailed());
                ps.setString(9, r.mailNote());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new SenderReport(keys.getLong(1), r.reportedAt(), r.reportedBy(), r.internetMessageId(),
                            r.fromAddress(), r.fromName(), r.reasons(), r.comment(), r.mailed(), r.mailNote());
                }
            }
        });
    }

    public void markMailed(long id, boolean mailed, String note) {
        sql.update("UPDATE sender_report SET mailed = ?, mail_note = ? WHERE id = ?", mailed, note, id);
    }

    /**
     * Newest first. {@code from} inclusive and {@code to} exclusive may be null; {@code beforeId} pages backwards
     * (the id of the last report of the previous page).
     */
    public List<SenderReport> list(Instant from, Instant to, Long beforeId, int limit) {
        return list(new ReportFilter(from, to, null, null, beforeId, 0), limit);
    }

    /** What the admin list narrows by; null fields do not filter, {@code sender}/{@code reporter} match a part. */
    public record ReportFilter(Instant from, Instant to, String sender, String reporter, Long beforeId, int offset) {
    }

    /** Newest first. */
    public List<SenderReport> list(ReportFilter f, int limit) {
        Instant from = f.from();
        Instant to = f.to();
        Long beforeId = f.beforeId();
        StringBuilder q = new StringBuilder("SELECT * FROM sender_report WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.sender() != null) {
            q.append(" AND LOWER(from_address) LIKE ?");
            params.add("%" + f.sender().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (f.reporter() != null) {
            q.append(" AND LOWER(reported_by) LIKE ?");
            params.add("%" + f.reporter().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (from != null) {
            q.append(" AND reported_at >= ?");
            params.add(from);
        }
        if (to != null) {
            q.append(" AND reported_at < ?");
            params.add(to);
        }
        if (beforeId != null) {
            q.append(" AND id < ?");
            params.add(beforeId);
        }
        q.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(f.offset());
        return sql.query(q.toString(), SenderRepository::report, params.toArray());
    }

    private static SenderReport report(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reasons");
        return new SenderReport(rs.getLong("id"), Sql.instant(rs, "reported_at"), rs.getString("reported_by"),
                rs.getString("internet_message_id"), rs.getString("from_address"), rs.getString("from_name"),
                reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                rs.getString("user_comment"), rs.getBoolean("mailed"), rs.getString("mail_note"));
    }

    /** Adds the counts to the stored days in one transaction. */
    public void addDaily(Map<DailyKey, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sql.tx(c -> {
            merge(c, counts);
            return null;
        });
    }

    private static void merge(Connection c, Map<DailyKey, Long> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MERGE_DAILY)) {
            for (Map.Entry<DailyKey, Long> e : counts.entrySet()) {
                ps.setObject(1, e.getKey().day());
                ps.setString(2, e.getKey().verdict());
                ps.setString(3, e.getKey().reason());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The daily counts between two days, both inclusive. */
    /** When each report in the window was made (for counting reports per day). */
    public List<Instant> reportTimes(Instant from, Instant to) {
        return sql.query("SELECT reported_at FROM sender_report WHERE reported_at >= ? AND reported_at < ?",
                rs -> Sql.instant(rs, "reported_at"), from, to);
    }

    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return sql.query("SELECT check_day, verdict, reason, checks FROM sender_check_daily WHERE check_day >= ? "
                        + "AND check_day <= ? ORDER BY check_day, verdict, reason",
                rs -> new DailyCount(rs.getObject("check_day", LocalDate.class), rs.getString("verdict"),
                        rs.getString("reason"), rs.getLong("checks")), from, to);
    }

    /** The key of one daily counter. */
    public record DailyKey(LocalDate day, String verdict, String reason) {
    }
}
