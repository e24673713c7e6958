package se.postvakt.compose;

/** {@code chain-letter}: typical chain-letter phrasing ({@code rules.chainLetter.phrases}). */
final class ChainLetterDetector extends WordRuleDetector {
    ChainLetterDetector() {
        super("chain-letter", (m, s) -> s.chainLetter(), ComposeSettings.CHAIN_LETTER_PHRASES, Wording::chainLetter);
    }
}
