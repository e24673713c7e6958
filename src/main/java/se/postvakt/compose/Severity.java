package se.postvakt.compose;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How serious a finding is, in rising order; {@code OFF} switches a rule off and never appears in a response. */
public enum Severity {
    OFF, INFO, WARN, BLOCK;

    /** The policy's spelling ({@code off}, {@code info}, {@code warn}, {@code block}); unknown values are {@code off}. */
    public static Severity of(String policyValue) {
        if (policyValue == null) {
            return OFF;
        }
        return switch (policyValue.toLowerCase(Locale.ROOT)) {
            case "info" -> INFO;
            case "warn" -> WARN;
            case "block" -> BLOCK;
            default -> OFF;
        };
    }

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
