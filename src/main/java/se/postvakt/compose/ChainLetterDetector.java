package se.postvakt.compose;

import java.util.List;

/** {@code chain-letter}: typical chain-letter phrasing ({@code rules.chainLetter.phrases}). */
final class ChainLetterDetector extends WordRuleDetector {
    @Override
    public String id() {
        return "chain-letter";
    }

    @Override
    Severity severity(MessageView m, ComposeSettings s) {
        return s.chainLetter();
    }

    @Override
    PhraseMatcher words(ComposeSettings s) {
        return s.chainLetterPhrases();
    }

    @Override
    String message(MessageView m, List<String> words) {
        return Wording.chainLetter(m.english(), words);
    }
}
