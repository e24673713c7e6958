package se.postvakt.audit;

import java.time.Instant;

/**
 * One recorded Graph write: who asked for it, which mailbox, what changed (a short marker such as
 * {@code scheduled 2026-12-01T07:00Z..2026-12-08T16:00Z}, never message text) and how it went.
 */
public record AuditEvent(long id, Instant at, String askedBy, String mailbox, String action, String detail,
                         String result, String absenceId) {
}
