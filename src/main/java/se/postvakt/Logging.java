package se.postvakt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} to Postvakt's own loggers, and stops the log at exit. */
final class Logging {
    private Logging() {
    }

    /** Writes what the log still holds (INFO lines wait up to 50 ms in the batch) and stops it; the last step at exit. */
    static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    static void setLevel(String level) {
        if (LoggerFactory.getLogger("se.postvakt") instanceof Logger l) {
            l.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
