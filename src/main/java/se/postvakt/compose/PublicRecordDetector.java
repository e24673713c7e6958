package se.postvakt.compose;

/**
 * {@code public-record}: mail to a recipient outside the organisation that reads like an official document or decision
 * ({@code rules.publicRecord.words}) gets a reminder to register it; {@code rules.publicRecord.enabled} switches it off.
 */
final class PublicRecordDetector extends WordRuleDetector {
    PublicRecordDetector() {
        super("public-record", (m, s) -> m.externalCount() > 0 ? s.publicRecord() : Severity.OFF,
                ComposeSettings.PUBLIC_RECORD_WORDS, Wording::publicRecord);
    }
}
