package se.postvakt;

import se.postvakt.config.AppConfig;
import se.postvakt.config.ConfigException;
import se.postvakt.config.ConfigLoader;

/** Reads the configuration, starts Postvakt and stops it cleanly on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = ConfigLoader.load();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Logging.setLevel(config.logLevel());
        // registered before starting, so a SIGTERM during start-up still writes out the log
        java.util.concurrent.atomic.AtomicReference<Postvakt> running = new java.util.concurrent.atomic.AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Postvakt postvakt = running.get();
                if (postvakt != null) {
                    postvakt.close();
                }
            } finally {
                Logging.stop();
            }
        }, "postvakt-shutdown"));
        running.set(Postvakt.start(config, java.time.Clock.systemUTC()));
    }
}
