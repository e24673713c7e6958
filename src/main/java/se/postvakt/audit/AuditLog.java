package se.postvakt.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.postvakt.db.Sql;

/** The audit table: append-only rows, one per Graph write, queried by IT with filters. */
public final class AuditLog {
    /** Result text of a write that went through. */
    public static final String OK = "ok";

    private final Sql sql;
    private final Clock clock;

    public AuditLog(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public void record(String askedBy, String mailbox, String action, String detail, String result, String absenceId) {
        sql.update("INSERT INTO audit_event (at, asked_by, mailbox, action, detail, result, absence_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", clock.instant(), cut(askedBy, 320), cut(mailbox, 320),
                cut(action, 64), cut(detail, 1000), cut(result, 400), absenceId);
    }

    /** Filters for {@link #find}; null fields do not filter. */
    public record Filter(String mailbox, String askedBy, String action, String absenceId, Instant from, Instant to,
                         int limit, int offset) {
        /** The first {@code limit} matches. */
        public Filter(String mailbox, String askedBy, String action, String absenceId, Instant from, Instant to, int limit) {
            this(mailbox, askedBy, action, absenceId, from, to, limit, 0);
        }
    }

    /** Newest first. */
    public List<AuditEvent> find(Filter f) {
        StringBuilder q = new StringBuilder("SELECT id, at, asked_by, mailbox, action, detail, result, absence_id "
                + "FROM audit_event WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (f.mailbox() != null) {
            q.append(" AND mailbox = ?");
            params.add(f.mailbox());
        }
        if (f.askedBy() != null) {
            q.append(" AND asked_by = ?");
            params.add(f.askedBy());
        }
        if (f.action() != null) {
            q.append(" AND action = ?");
            params.add(f.action());
        }
        if (f.absenceId() != null) {
            q.append(" AND absence_id = ?");
            params.add(f.absenceId());
        }
        if (f.from() != null) {
            q.append(" AND at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            q.append(" AND at < ?");
            params.add(f.to());
        }
        q.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(f.limit());
        params.add(f.offset());
        return sql.query(q.toString(), rs -> new AuditEvent(rs.getLong("id"), Sql.instant(rs, "at"),
                rs.getString("asked_by"), rs.getString("mailbox"), rs.getString("action"), rs.getString("detail"),
                rs.getString("result"), rs.getString("absence_id")), params.toArray());
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
