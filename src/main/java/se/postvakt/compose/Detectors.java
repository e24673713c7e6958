package se.postvakt.compose;

import java.util.List;

/** The one explicit list of compose rules, in the order their findings are reported. */
final class Detectors {
    private Detectors() {
    }

    static List<Detector> all(GroupSizeLookup groups) {
        return List.of(
                new PersonnummerDetector(),
                new LargeAttachmentDetector(),
                new LargeAudienceDetector(groups),
                new ExternalRecipientsDetector(),
                new ConfidentialDetector(),
                new ChainLetterDetector(),
                new PublicRecordDetector());
    }
}
