package se.postvakt.sender;

import com.fasterxml.jackson.annotation.JsonValue;

/** The answer of a sender check, as the add-in shows it. */
public enum Verdict {
    OK, SUSPICIOUS, DANGEROUS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Verdict of(Severity worst) {
        return worst == null || worst == Severity.INFO ? OK : worst == Severity.WARN ? SUSPICIOUS : DANGEROUS;
    }
}
