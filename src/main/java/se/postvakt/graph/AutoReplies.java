package se.postvakt.graph;

import java.time.Instant;

/**
 * A mailbox's automatic replies ({@code mailboxSettings.automaticRepliesSetting}). {@code start} and {@code end}
 * matter only when {@code status} is {@link Status#SCHEDULED}.
 */
public record AutoReplies(Status status, Instant start, Instant end, String internalMessage, String externalMessage,
                          ExternalAudience externalAudience) {
    /** Graph's automaticRepliesStatus. */
    public enum Status { DISABLED, ALWAYS_ENABLED, SCHEDULED }

    /** Graph's externalAudienceScope. */
    public enum ExternalAudience { NONE, CONTACTS_ONLY, ALL }

    public static AutoReplies disabled() {
        return new AutoReplies(Status.DISABLED, null, null, "", "", ExternalAudience.ALL);
    }

    /** True when replies are on at {@code at}: always, or scheduled with {@code at} inside the window. */
    public boolean activeAt(Instant at) {
        return switch (status) {
            case DISABLED -> false;
            case ALWAYS_ENABLED -> true;
            case SCHEDULED -> start != null && end != null && !at.isBefore(start) && at.isBefore(end);
        };
    }
}
