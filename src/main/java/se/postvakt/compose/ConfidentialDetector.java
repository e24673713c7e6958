package se.postvakt.compose;

import java.util.List;

/** {@code confidential}: words that mark secret information ({@code rules.confidential.words}); e-mail must not carry it. */
final class ConfidentialDetector extends WordRuleDetector {
    @Override
    public String id() {
        return "confidential";
    }

    @Override
    Severity severity(MessageView m, ComposeSettings s) {
        return s.confidential();
    }

    @Override
    PhraseMatcher words(ComposeSettings s) {
        return s.confidentialWords();
    }

    @Override
    String message(MessageView m, List<String> words) {
        return Wording.confidential(m.english(), words);
    }
}
