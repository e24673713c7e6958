package se.postvakt.absence;

import java.time.Instant;

/**
 * What Postvakt holds in one mailbox, as stored in {@code absence_mailbox}. Each step is written as an intent
 * ({@code replyMode = pending}, {@code rulePending}, {@code calPending}) before its Graph call and confirmed after,
 * so the next pass can finish a step a crash interrupted without doing it twice. Mutable: the reconciler updates it
 * step by step and saves after each.
 */
final class MailboxState {
    /** Postvakt's reply is being written. */
    static final String PENDING = "pending";
    /** Postvakt's reply is on; the snapshot holds what to restore. */
    static final String OURS = "ours";
    /** The person's own reply was already on: they comply and Postvakt leaves the reply alone. */
    static final String THEIRS = "theirs";

    final String user;
    String absenceId;
    String snapshot;
    String replyMode;
    String replyHash;
    String ruleId;
    boolean rulePending;
    String ruleDelegate;
    String ruleMode;
    String calPermId;
    boolean calPending;
    String calDelegate;
    int failures;
    String errorKind;
    String lastError;
    Instant nextAttemptAt;

    MailboxState(String user) {
        this.user = user;
    }

    /** True when nothing is held and nothing failed, so the row can go. */
    boolean empty() {
        return snapshot == null && replyMode == null && ruleId == null && !rulePending && calPermId == null
                && !calPending && failures == 0;
    }

    boolean replyOn() {
        return OURS.equals(replyMode) || THEIRS.equals(replyMode);
    }
}
