package se.postvakt.graph;

import java.time.Duration;

/**
 * A typed failure of a Graph call, in our own words. {@link Kind#FORBIDDEN} names the missing permission when it can
 * be told; {@link Kind#THROTTLED} carries the wait Graph asked for.
 */
public final class GraphException extends RuntimeException {
    /** What went wrong, as callers need to tell it apart. */
    public enum Kind {
        /** The user, mailbox, rule or permission does not exist. */
        NOT_FOUND,
        /** Missing admin consent, application permission or RBAC scope. */
        FORBIDDEN,
        /** Graph said 429 and retries ran out. */
        THROTTLED,
        /** 5xx, timeouts or network failures after bounded retries. */
        UNAVAILABLE,
        /** No client secret or certificate: Graph features are off. */
        NOT_CONFIGURED,
        /** Graph refused the request as invalid (4xx other than the above). */
        REJECTED
    }

    private final Kind kind;
    private final String permission;
    private final Duration retryAfter;

    public GraphException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public GraphException(Kind kind, String message, String permission, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.permission = permission;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The Graph permission that is missing, for example {@code MailboxSettings.ReadWrite}; null when unknown. */
    public String permission() {
        return permission;
    }

    /** How long Graph asked us to wait; null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
