package se.postvakt.absence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.postvakt.db.Sql;

/** Absences and per-mailbox state in the database. */
final class AbsenceRepository {
    private static final String COLUMNS = "id, user_addr, user_name, starts_at, ends_at, delegate_addr, delegate_name, "
            + "reason, own_internal, own_external, source, calendar_event_id, status, closed, created_by, created_at, "
            + "updated_by, updated_at";

    private final Sql sql;

    AbsenceRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(Absence a) {
        sql.update("INSERT INTO absence (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id(), a.user(), a.userName(), a.start(), a.end(), a.delegate(), a.delegateName(), a.reason(),
                a.ownInternal(), a.ownExternal(), a.source(), a.calendarEventId(), a.status(), a.closed(),
                a.createdBy(), a.createdAt(), a.updatedBy(), a.updatedAt());
    }

    void update(Absence a) {
        sql.update("UPDATE absence SET starts_at = ?, ends_at = ?, delegate_addr = ?, delegate_name = ?, reason = ?, "
                        + "own_internal = ?, own_external = ?, status = ?, closed = ?, updated_by = ?, updated_at = ? WHERE id = ?",
                a.start(), a.end(), a.delegate(), a.delegateName(), a.reason(), a.ownInternal(), a.ownExternal(),
                a.status(), a.closed(), a.updatedBy(), a.updatedAt(), a.id());
    }

    void setStatus(String id, String status, boolean closed) {
        sql.update("UPDATE absence SET status = ?, closed = ? WHERE id = ? AND (status <> ? OR closed <> ?)",
                status, closed, id, status, closed);
    }

    Optional<Absence> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM absence WHERE id = ?", AbsenceRepository::row, id);
    }

    /** Absences of the given users (all users when null), newest start first. */
    List<Absence> list(Collection<String> users, int limit) {
        if (users != null && users.isEmpty()) {
            return List.of();
        }
        StringBuilder q = new StringBuilder("SELECT " + COLUMNS + " FROM absence");
        List<Object> params = new ArrayList<>();
        if (users != null) {
            q.append(" WHERE user_addr IN (").append("?,".repeat(users.size() - 1)).append("?)");
            params.addAll(users);
        }
        q.append(" ORDER BY starts_at DESC LIMIT ?");
        params.add(limit);
        return sql.query(q.toString(), AbsenceRepository::row, params.toArray());
    }

    /** Registered absences of the user that are not over and overlap [start, end), other than {@code exceptId}. */
    List<Absence> overlapping(String user, Instant start, Instant end, String exceptId) {
        return sql.query("SELECT " + COLUMNS + " FROM absence WHERE user_addr = ? AND closed = FALSE AND source = ? "
                        + "AND starts_at < ? AND ends_at > ? AND starts_at < ends_at AND id <> ?", AbsenceRepository::row,
                user, Absence.REGISTERED, end, start, exceptId == null ? "" : exceptId);
    }

    /** Absences that have begun and are not closed: the ones a pass must look at, grouped by user. */
    Map<String, List<Absence>> begunAndOpen(Instant now) {
        Map<String, List<Absence>> out = new HashMap<>();
        for (Absence a : sql.query("SELECT " + COLUMNS + " FROM absence WHERE closed = FALSE AND starts_at <= ?",
                AbsenceRepository::row, now)) {
            out.computeIfAbsent(a.user(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    /** Open absences detected from the calendar, keyed by user and event id. */
    Map<String, Absence> openCalendarAbsences() {
        Map<String, Absence> out = new HashMap<>();
        for (Absence a : sql.query("SELECT " + COLUMNS + " FROM absence WHERE closed = FALSE AND source = ?",
                AbsenceRepository::row, Absence.CALENDAR)) {
            out.put(a.user() + "\n" + a.calendarEventId(), a);
        }
        return out;
    }

    private static Absence row(ResultSet rs) throws SQLException {
        return new Absence(rs.getString("id"), rs.getString("user_addr"), rs.getString("user_name"),
                Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"), rs.getString("delegate_addr"),
                rs.getString("delegate_name"), rs.getString("reason"), rs.getString("own_internal"),
                rs.getString("own_external"), rs.getString("source"), rs.getString("calendar_event_id"),
                rs.getString("status"), rs.getBoolean("closed"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), rs.getString("updated_by"), Sql.instant(rs, "updated_at"));
    }

    // Mailbox state

    Map<String, MailboxState> allStates() {
        Map<String, MailboxState> out = new HashMap<>();
        for (MailboxState s : sql.query("SELECT * FROM absence_mailbox", AbsenceRepository::state)) {
            out.put(s.user, s);
        }
        return out;
    }

    Optional<MailboxState> state(String user) {
        return sql.one("SELECT * FROM absence_mailbox WHERE user_addr = ?", AbsenceRepository::state, user);
    }

    /** Writes the state (one step recorded); deletes the row when nothing is held any more. */
    void save(MailboxState s, Instant now) {
        if (s.empty()) {
            sql.update("DELETE FROM absence_mailbox WHERE user_addr = ?", s.user);
            return;
        }
        Object[] values = {s.absenceId, s.snapshot, s.replyMode, s.replyHash, s.ruleId, s.rulePending, s.ruleDelegate,
            s.ruleMode, s.calPermId, s.calPending, s.calDelegate, s.failures, s.errorKind, s.lastError,
            s.nextAttemptAt, now, s.user};
        int n = sql.update("UPDATE absence_mailbox SET absence_id = ?, snapshot = ?, reply_mode = ?, reply_hash = ?, "
                + "rule_id = ?, rule_pending = ?, rule_delegate = ?, rule_mode = ?, cal_perm_id = ?, cal_pending = ?, "
                + "cal_delegate = ?, failures = ?, error_kind = ?, last_error = ?, next_attempt_at = ?, updated_at = ? "
                + "WHERE user_addr = ?", values);
        if (n == 0) {
            sql.update("INSERT INTO absence_mailbox (absence_id, snapshot, reply_mode, reply_hash, rule_id, rule_pending, "
                    + "rule_delegate, rule_mode, cal_perm_id, cal_pending, cal_delegate, failures, error_kind, last_error, "
                    + "next_attempt_at, updated_at, user_addr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    /** A change to the absence should be tried at once, not after the back-off of an earlier failure. */
    void clearBackoff(String user) {
        sql.update("UPDATE absence_mailbox SET next_attempt_at = NULL WHERE user_addr = ?", user);
    }

    private static MailboxState state(ResultSet rs) throws SQLException {
        MailboxState s = new MailboxState(rs.getString("user_addr"));
        s.absenceId = rs.getString("absence_id");
        s.snapshot = rs.getString("snapshot");
        s.replyMode = rs.getString("reply_mode");
        s.replyHash = rs.getString("reply_hash");
        s.ruleId = rs.getString("rule_id");
        s.rulePending = rs.getBoolean("rule_pending");
        s.ruleDelegate = rs.getString("rule_delegate");
        s.ruleMode = rs.getString("rule_mode");
        s.calPermId = rs.getString("cal_perm_id");
        s.calPending = rs.getBoolean("cal_pending");
        s.calDelegate = rs.getString("cal_delegate");
        s.failures = rs.getInt("failures");
        s.errorKind = rs.getString("error_kind");
        s.lastError = rs.getString("last_error");
        s.nextAttemptAt = Sql.instant(rs, "next_attempt_at");
        return s;
    }
}
