package se.postvakt.sender;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one detector found, before it is put into words: a stable kebab-case {@code code}, its weight, and the
 * facts the message and the add-in need (domains, never message content).
 */
public record Finding(String code, Severity severity, Map<String, String> detail) {
    public Finding {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** Detail in the given order: key, value, key, value, ... */
    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
