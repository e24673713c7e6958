package se.postvakt.sender;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import se.postvakt.web.ApiException;

/**
 * The body of {@code POST /api/v1/sender/check}: the sender as Outlook shows it, Reply-To, the raw header block
 * (optional) and the reader's language.
 */
public record CheckRequest(Party from, List<Party> replyTo, String headers, String locale) {
    static final int MAX_REPLY_TO = 100;
    static final int MAX_HEADER_CHARS = 4 * 1024 * 1024;
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,4}");

    /** An address with its display name. */
    public record Party(String address, String name) {
    }

    /** Validated sender facts; a missing or wrongly typed field is a 400 that names it. */
    public SenderInput input() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (from == null || from.address() == null || from.address().isBlank()) {
            errors.add(new ApiException.FieldError("from.address", "is required"));
        }
        if (replyTo != null && replyTo.size() > MAX_REPLY_TO) {
            errors.add(new ApiException.FieldError("replyTo", "must have at most " + MAX_REPLY_TO + " entries"));
        }
        if (headers != null && headers.length() > MAX_HEADER_CHARS) {
            errors.add(new ApiException.FieldError("headers", "must be at most " + MAX_HEADER_CHARS + " characters"));
        }
        if (locale != null && !locale.isEmpty() && !LOCALE.matcher(locale).matches()) {
            errors.add(new ApiException.FieldError("locale", "must be a language tag such as sv or en"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        List<String> rt = replyTo == null ? List.of() : replyTo.stream()
                .filter(p -> p != null && p.address() != null).map(Party::address).toList();
        return SenderInput.of(from.address(), from.name(), rt, headers);
    }

    /** Swedish unless the reader asks for English ({@code en}, {@code en-GB}, ...). */
    public boolean english() {
        return locale != null && locale.regionMatches(true, 0, "en", 0, 2);
    }
}
