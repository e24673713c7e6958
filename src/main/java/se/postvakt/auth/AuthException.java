package se.postvakt.auth;

/** A missing or invalid token: always 401 with {@code WWW-Authenticate: Bearer}. */
public final class AuthException extends RuntimeException {
    private final String error;

    public AuthException(String message) {
        this("invalid_token", message);
    }

    public AuthException(String error, String message) {
        super(message);
        this.error = error;
    }

    /** RFC 6750 error code: invalid_request or invalid_token. */
    public String error() {
        return error;
    }
}
