package se.postvakt.absence;

import java.time.Duration;
import java.time.Instant;

/**
 * One absence of one person, registered through the API or detected from an out-of-office calendar event.
 * {@code end} is exclusive. {@code closed} means the absence is over and Postvakt has taken back what it set.
 * {@code reason} is for the people who may see the absence; it never goes into replies, logs or the audit log.
 */
public record Absence(String id, String user, String userName, Instant start, Instant end, String delegate,
                      String delegateName, String reason, String ownInternal, String ownExternal, String source,
                      String calendarEventId, String status, boolean closed, String createdBy, Instant createdAt,
                      String updatedBy, Instant updatedAt) {
    /** Registered through the API. */
    public static final String REGISTERED = "registered";
    /** Detected from an out-of-office calendar event. */
    public static final String CALENDAR = "calendar";

    public boolean activeAt(Instant t) {
        return !closed && !t.isBefore(start) && t.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** The status as callers see it: a stored failure wins, otherwise it follows the clock. */
    public String statusAt(Instant now) {
        if (closed) {
            return "ended";
        }
        if ("failed".equals(status)) {
            return "failed";
        }
        if (now.isBefore(start)) {
            return "planned";
        }
        return now.isBefore(end) ? "active" : "ended";
    }

    Absence withTimes(Instant newStart, Instant newEnd, String by, Instant at) {
        return new Absence(id, user, userName, newStart, newEnd, delegate, delegateName, reason, ownInternal,
                ownExternal, source, calendarEventId, status, closed, createdBy, createdAt, by, at);
    }
}
