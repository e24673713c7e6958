package se.postvakt.config;

import java.util.List;

/** Thrown at start when the configuration has problems; the message lists all of them at once. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
