package se.postvakt.stats;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiException.FieldError;

/** The inclusive day range of a statistics request: ISO dates, {@code from ≤ to}, at most {@link #MAX_DAYS} days. */
public record StatsRange(LocalDate from, LocalDate to) {
    /** A little more than a year, so a full year with some margin fits in one request. */
    public static final int MAX_DAYS = 400;

    /** Parses the query parameters; every problem names its parameter (400). */
    public static StatsRange parse(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (f != null && t != null) {
            long days = ChronoUnit.DAYS.between(f, t) + 1;
            if (days < 1) {
                errors.add(new FieldError("from", "must be on or before to (" + t + ")"));
            } else if (days > MAX_DAYS) {
                errors.add(new FieldError("to", "the range is " + days + " days; at most " + MAX_DAYS + " are allowed"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new StatsRange(f, t);
    }

    private static LocalDate date(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(name, "is required, as a date like 2026-01-31"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date like 2026-01-31"));
            return null;
        }
    }
}
