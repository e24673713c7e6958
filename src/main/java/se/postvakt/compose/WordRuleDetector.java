package se.postvakt.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The shared shape of the word-list rules ({@code confidential}, {@code chain-letter}, {@code public-record}): the
 * policy's words found in subject and body, one finding per field with the offsets of each occurrence.
 */
abstract class WordRuleDetector implements Detector {
    /** At most this many occurrences are reported per field; the rest add nothing the sender needs. */
    static final int MAX_MATCHES = 50;

    private final String id;
    private final BiFunction<MessageView, ComposeSettings, Severity> severity;
    private final int list;
    private final BiFunction<Boolean, List<String>, String> message;

    /**
     * @param severity the rule's severity for a message, {@link Severity#OFF} when it does not apply
     * @param list     the rule's bit among {@link ComposeSettings#words}' lists
     * @param message  the text for the words found, by English or not (words come from the policy, never the message)
     */
    WordRuleDetector(String id, BiFunction<MessageView, ComposeSettings, Severity> severity, int list,
                     BiFunction<Boolean, List<String>, String> message) {
        this.id = id;
        this.severity = severity;
        this.list = list;
        this.message = message;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        Severity severity = this.severity.apply(m, s);
        PhraseMatcher matcher = m.wordMatcher();
        if (severity == Severity.OFF || matcher.isEmpty()) {
            return;
        }
        for (MessageView.Field f : m.texts()) {
            VisibleText vt = f.text();
            List<Finding.Match> matches = new ArrayList<>();
            Set<String> found = new LinkedHashSet<>();
            for (PhraseMatcher.Hit h : m.words(f)) {
                if ((h.lists() & list) == 0 || matches.size() == MAX_MATCHES) {
                    continue;
                }
                matches.add(new Finding.Match(vt.rawStart(h.start()), vt.rawEnd(h.end()), "phrase", null));
                found.add(matcher.phrase(h.phrase()));
            }
            if (matches.isEmpty()) {
                continue;
            }
            out.add(new Finding(id, severity, f.name(), matches, null, message.apply(m.english(), List.copyOf(found)),
                    Wording.POLICY_LAWS));
        }
    }
}
