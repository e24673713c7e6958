package se.postvakt.compose;

/** {@code confidential}: words that mark secret information ({@code rules.confidential.words}); e-mail must not carry it. */
final class ConfidentialDetector extends WordRuleDetector {
    ConfidentialDetector() {
        super("confidential", (m, s) -> s.confidential(), ComposeSettings.CONFIDENTIAL_WORDS, Wording::confidential);
    }
}
