package se.postvakt.sender;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a reason weighs: {@code info} leaves the verdict ok, {@code warn} makes it suspicious, {@code danger} dangerous. */
public enum Severity {
    INFO, WARN, DANGER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
