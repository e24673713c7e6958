package se.postvakt.graph;

/**
 * Mail tips for one recipient: member counts are null when Graph gave none (a plain mailbox). {@code recipientScope}
 * is Graph's value such as {@code internal} or {@code external}.
 */
public record MailTip(String address, Integer totalMemberCount, Integer externalMemberCount, String recipientScope) {
}
