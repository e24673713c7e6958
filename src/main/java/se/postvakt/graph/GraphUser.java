package se.postvakt.graph;

/** A directory user as Postvakt needs it. {@code mail} may be null for users without a mailbox. */
public record GraphUser(String id, String displayName, String mail, String userPrincipalName, String jobTitle,
                        String department) {
}
