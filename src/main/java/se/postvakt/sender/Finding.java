package se.postvakt.sender;

import java.util.Map;

/**
 * What one detector found, before it is put into words: a stable kebab-case {@code code}, its weight, and the
 * facts the message and the add-in need (domains, never message content).
 */
public record Finding(String code, Severity severity, Map<String, String> detail) {
    public Finding {
        detail = Map.copyOf(detail);
    }
}
