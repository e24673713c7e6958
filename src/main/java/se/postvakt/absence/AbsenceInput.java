package se.postvakt.absence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiException.FieldError;

/**
 * The fields of a POST or PATCH body, read from JSON with every problem collected and named by field. A field that
 * is absent is left {@link #present(String) not present}; {@code "delegate": null} in a PATCH removes the delegate.
 */
final class AbsenceInput {
    static final int MAX_REASON = 2000;
    static final int MAX_TEXT = 8000;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final JsonNode body;
    final List<FieldError> errors = new ArrayList<>();
    final String user;
    final Instant start;
    final Instant end;
    final String delegate;
    final String reason;
    final String ownInternal;
    final String ownExternal;

    AbsenceInput(JsonNode body, ZoneId zone) {
        if (body == null || !body.isObject()) {
            throw ApiException.field("(body)", "must be a JSON object");
        }
        this.body = body;
        user = address("user");
        start = time("start", zone, false);
        end = time("end", zone, true);
        delegate = address("delegate");
        reason = text("reason", MAX_REASON);
        JsonNode reply = body.get("autoReply");
        String internal = null;
        String external = null;
        if (reply != null && !reply.isNull()) {
            if (!reply.isObject()) {
                errors.add(new FieldError("autoReply", "must be an object with internal and/or external"));
            } else {
                internal = text(reply, "autoReply.internal", "internal", MAX_TEXT);
                external = text(reply, "autoReply.external", "external", MAX_TEXT);
            }
        }
        ownInternal = internal;
        ownExternal = external;
    }

    boolean present(String field) {
        return body.has(field);
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }

    private String address(String field) {
        String v = text(field, 320);
        if (v == null) {
            return null;
        }
        if (!ADDRESS.matcher(v).matches()) {
            errors.add(new FieldError(field, "must be an e-mail address such as anna.svensson@example.se"));
            return null;
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private String text(String field, int max) {
        return text(body, field, field, max);
    }

    private String text(JsonNode parent, String path, String field, int max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        String v = n.asText().strip();
        if (v.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters"));
            return null;
        }
        return v.isEmpty() ? null : v;
    }

    /**
     * An ISO-8601 date-time with offset, or a plain date (or date-time without offset) read in the organisation's
     * time zone. A plain end date means the end of that day.
     */
    private Instant time(String field, ZoneId zone, boolean isEnd) {
        String v = text(field, 64);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the plainer forms
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return (isEnd ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a plain date either
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset (2026-12-01T08:00:00+01:00) "
                    + "or a date (2026-12-01)"));
            return null;
        }
    }
}
