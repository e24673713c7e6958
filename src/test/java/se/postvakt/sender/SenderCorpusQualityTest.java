package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dev-set quality bar of issue 4: precision and recall on "suspicious" of at least 0.97 each. */
class SenderCorpusQualityTest {
    @Test
    void dev_corpus_meets_precision_and_recall_of_097() {
        SenderRules rules = SenderCorpus.rules();
        SenderCheck check = new SenderCheck(() -> rules);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        List<String> misses = new ArrayList<>();
        for (SenderCorpus.Sample s : SenderCorpus.samples()) {
            SenderCheck.Result r = check.check(s.input(), false);
            boolean flagged = r.verdict() != Verdict.OK;
            if (flagged && s.suspicious()) {
                tp++;
            } else if (flagged) {
                fp++;
                misses.add("FP " + s.id() + " " + s.address() + " '" + s.name() + "' " + r.reasons().stream()
                        .map(SenderCheck.Reason::code).toList());
            } else if (s.suspicious()) {
                fn++;
                misses.add("FN " + s.id() + " " + s.address() + " '" + s.name() + "'");
            } else {
                tn++;
            }
        }
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        System.out.printf("sender corpus: %d samples, tp=%d fp=%d fn=%d tn=%d, precision=%.3f recall=%.3f%n",
                tp + fp + fn + tn, tp, fp, fn, tn, precision, recall);
        misses.forEach(System.out::println);
        assertTrue(precision >= 0.97, "precision " + precision + " " + misses);
        assertTrue(recall >= 0.97, "recall " + recall + " " + misses);
    }
}
