package se.postvakt.graph;

import java.util.List;

/**
 * An inbox message rule, reduced to what Postvakt sets and recognises: forward or redirect to addresses. Rules
 * Postvakt created carry {@link #MARKER} in their display name.
 */
public record InboxRule(String id, String displayName, int sequence, boolean enabled, List<String> forwardTo,
                        List<String> redirectTo) {
    /** Marks rules Postvakt owns, so they are recognised even if the stored id were lost. */
    public static final String MARKER = "[Postvakt]";

    public InboxRule {
        forwardTo = forwardTo == null ? List.of() : List.copyOf(forwardTo);
        redirectTo = redirectTo == null ? List.of() : List.copyOf(redirectTo);
    }

    public boolean ownedByPostvakt() {
        return displayName != null && displayName.contains(MARKER);
    }
}
