package se.postvakt.graph;

/** A permission on a user's default calendar; {@code role} is Graph's role such as {@code delegateWithoutPrivateEventAccess}. */
public record CalendarPermission(String id, String address, String name, String role) {
}
