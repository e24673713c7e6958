package se.postvakt.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared shape of the word-list rules ({@code confidential}, {@code chain-letter}, {@code public-record}): the
 * policy's words found in subject and body, one finding per field with the offsets of each occurrence.
 */
abstract class WordRuleDetector implements Detector {
    /** At most this many occurrences are reported per field; the rest add nothing the sender needs. */
    static final int MAX_MATCHES = 50;

    /** The rule's severity now, or {@link Severity#OFF} when it does not apply to this message. */
    abstract Severity severity(MessageView m, ComposeSettings s);

    abstract PhraseMatcher words(ComposeSettings s);

    /** The message text for the words found (words come from the policy, never from the message). */
    abstract String message(MessageView m, List<String> words);

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        Severity severity = severity(m, s);
        PhraseMatcher matcher = words(s);
        if (severity == Severity.OFF || matcher.isEmpty()) {
            return;
        }
        for (MessageView.Field f : m.texts()) {
            VisibleText vt = f.text();
            List<PhraseMatcher.Hit> hits = matcher.find(vt.chars(), vt.length(), MAX_MATCHES);
            if (hits.isEmpty()) {
                continue;
            }
            List<Finding.Match> matches = new ArrayList<>();
            Set<String> words = new LinkedHashSet<>();
            for (PhraseMatcher.Hit h : hits) {
                matches.add(new Finding.Match(vt.rawStart(h.start()), rawEnd(vt, h.end()), "phrase", null));
                words.add(matcher.phrase(h.phrase()));
            }
            out.add(new Finding(id(), severity, f.name(), matches, null, message(m, List.copyOf(words)), Wording.POLICY_LAWS));
        }
    }

    /** The raw end of a visible span whose last character may be an entity ({@code &auml;}). */
    private static int rawEnd(VisibleText vt, int end) {
        int last = vt.rawStart(end - 1);
        String raw = vt.raw();
        if (last < raw.length() && raw.charAt(last) == '&') {
            int semi = raw.indexOf(';', last);
            return semi < 0 ? last + 1 : semi + 1;
        }
        return last + 1;
    }
}
