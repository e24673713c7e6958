package se.postvakt.graph;

import java.time.Instant;

/** A calendar event reduced to its time and free/busy state ({@code showAs}, e.g. {@code oof}); no subject. */
public record CalendarEvent(String id, Instant start, Instant end, boolean allDay, String showAs) {
}
