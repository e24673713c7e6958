package se.postvakt.web;

import java.util.List;

/**
 * A failure that maps to one HTTP status and the one JSON error shape. Services throw it (or a subclass) without
 * knowing about HTTP frameworks; {@link ErrorMapper} turns it into a response.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient List<FieldError> errors;

    public ApiException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(int status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException badRequest(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(400, detail, errors);
    }

    public static ApiException field(String field, String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    /** One invalid field, named by its JSON path (for example {@code attachments[2].size}). */
    public record FieldError(String field, String message) {
    }
}
