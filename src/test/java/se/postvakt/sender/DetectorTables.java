package se.postvakt.sender;

import java.util.ArrayList;
import java.util.List;

/** Runs one detector over one sender with the dev configuration (mjolby.se, its partners and staff). */
final class DetectorTables {
    static final SenderRules RULES = SenderCorpus.rules();

    private DetectorTables() {
    }

    static List<Finding> run(SenderDetector detector, String address, String name, List<String> replyTo, String headers) {
        List<Finding> out = new ArrayList<>();
        detector.inspect(SenderInput.of(address, name, replyTo, headers), RULES, out);
        return out;
    }

    static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }
}
