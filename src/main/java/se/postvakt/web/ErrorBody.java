package se.postvakt.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The single JSON error shape of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String title, int status, String detail, List<ApiException.FieldError> errors) {
    public static ErrorBody of(int status, String detail, List<ApiException.FieldError> errors) {
        return new ErrorBody(title(status), status, detail, errors);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
