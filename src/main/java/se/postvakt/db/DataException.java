package se.postvakt.db;

import java.sql.SQLException;

/** An unexpected database failure; it maps to 503 and its details are logged, never sent. */
public final class DataException extends RuntimeException {
    public DataException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
