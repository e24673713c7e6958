package se.postvakt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} to Postvakt's own loggers. */
final class Logging {
    private Logging() {
    }

    static void setLevel(String level) {
        if (LoggerFactory.getLogger("se.postvakt") instanceof Logger l) {
            l.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
