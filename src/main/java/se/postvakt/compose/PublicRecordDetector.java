package se.postvakt.compose;

import java.util.List;

/**
 * {@code public-record}: mail to a recipient outside the organisation that reads like an official document or decision
 * ({@code rules.publicRecord.words}) gets a reminder to register it; {@code rules.publicRecord.enabled} switches it off.
 */
final class PublicRecordDetector extends WordRuleDetector {
    @Override
    public String id() {
        return "public-record";
    }

    @Override
    Severity severity(MessageView m, ComposeSettings s) {
        return m.externalCount() > 0 ? s.publicRecord() : Severity.OFF;
    }

    @Override
    PhraseMatcher words(ComposeSettings s) {
        return s.publicRecordWords();
    }

    @Override
    String message(MessageView m, List<String> words) {
        return Wording.publicRecord(m.english(), words);
    }
}
