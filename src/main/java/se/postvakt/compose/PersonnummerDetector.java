package se.postvakt.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code personnummer}: identity numbers in subject and body (quoted replies included), found by
 * {@link PersonnummerScanner}. {@code personnummer.severity} when every recipient is internal,
 * {@code personnummer.externalSeverity} when any is outside {@code domains.internal}.
 */
final class PersonnummerDetector implements Detector {
    static final String ID = "personnummer";
    /** Matches reported per field; a message with more says "at least" this many (and stops scanning there). */
    static final int MAX_MATCHES = 1000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        Severity severity = m.anyOutsideInternal() ? s.personnummerExternal() : s.personnummer();
        if (severity == Severity.OFF) {
            return;
        }
        for (MessageView.Field f : m.texts()) {
            List<PersonnummerScanner.Hit> hits = PersonnummerScanner.scan(f.text(), m.today(), MAX_MATCHES);
            if (hits.isEmpty()) {
                continue;
            }
            List<Finding.Match> matches = new ArrayList<>(hits.size());
            int pnr = 0;
            int sam = 0;
            for (PersonnummerScanner.Hit h : hits) {
                matches.add(new Finding.Match(h.start(), h.end(), h.kind().wire(), h.masked()));
                if (h.kind() == Personnummer.Kind.SAMORDNINGSNUMMER) {
                    sam++;
                } else {
                    pnr++;
                }
            }
            out.add(new Finding(ID, severity, f.name(), matches, null,
                    Wording.personnummer(m.english(), f.name(), pnr, sam, hits.size() == MAX_MATCHES,
                            m.anyOutsideInternal()), Wording.POLICY_LAWS));
        }
    }
}
