package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.postvakt.web.Json;

/**
 * The quality bar of the personnummer detector on the labelled development corpora: entity precision and recall at
 * least 0.99 (a match is field + start + end), and a warning on at most 1 % of the messages without positives.
 */
class PersonnummerCorpusTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    /** One labelled message. */
    record Labelled(String id, String subject, String body, boolean html, Set<String> expected, Set<String> expectedKinds) {
    }

    static List<Labelled> load(String resource) throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PersonnummerCorpusTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                Set<String> exp = new HashSet<>();
                Set<String> kinds = new HashSet<>();
                n.get("expected").forEach(e -> {
                    String at = e.get("field").asText() + ":" + e.get("start").asInt() + ":" + e.get("end").asInt();
                    exp.add(at);
                    kinds.add(at + ":" + e.get("kind").asText());
                });
                out.add(new Labelled(n.get("id").asText(), n.get("subject").asText(""), n.get("body").asText(""),
                        "html".equals(n.get("format").asText()), exp, kinds));
            }
        }
        return out;
    }

    /** What the scanner finds, as field:start:end, or with {@code withKind} field:start:end:kind. */
    static Set<String> found(Labelled m, boolean withKind) {
        Set<String> got = new HashSet<>();
        for (PersonnummerScanner.Hit h : PersonnummerScanner.scan(VisibleText.plain(m.subject()), TODAY)) {
            got.add("subject:" + h.start() + ":" + h.end() + (withKind ? ":" + h.kind().wire() : ""));
        }
        for (PersonnummerScanner.Hit h : PersonnummerScanner.scan(VisibleText.of(m.body(), m.html()), TODAY)) {
            got.add("body:" + h.start() + ":" + h.end() + (withKind ? ":" + h.kind().wire() : ""));
        }
        return got;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/corpus/pnr-dev.jsonl", "/corpus/pnr-large-dev.jsonl"})
    void detector_meets_the_quality_bar_on_the_dev_corpus(String resource) throws IOException {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int negatives = 0;
        int warnedNegatives = 0;
        int wrongKind = 0;
        for (Labelled m : load(resource)) {
            Set<String> got = found(m, false);
            Set<String> gotKinds = found(m, true);
            for (String k : m.expectedKinds()) {
                if (got.contains(k.substring(0, k.lastIndexOf(':'))) && !gotKinds.contains(k)) {
                    wrongKind++;
                }
            }
            for (String g : got) {
                if (m.expected().contains(g)) {
                    tp++;
                } else {
                    fp++;
                    System.out.println("false positive " + m.id() + " " + g);
                }
            }
            for (String e : m.expected()) {
                if (!got.contains(e)) {
                    fn++;
                    System.out.println("missed " + m.id() + " " + e);
                }
            }
            if (m.expected().isEmpty()) {
                negatives++;
                if (!got.isEmpty()) {
                    warnedNegatives++;
                }
            }
        }
        double precision = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        double warnRate = negatives == 0 ? 0 : warnedNegatives / (double) negatives;
        System.out.printf("%s: tp=%d fp=%d fn=%d precision=%.4f recall=%.4f warned %d of %d negative messages (%.2f %%), "
                + "%d with the wrong kind%n", resource, tp, fp, fn, precision, recall, warnedNegatives, negatives,
                100 * warnRate, wrongKind);
        assertTrue(precision >= 0.99, "precision " + precision);
        assertTrue(recall >= 0.99, "recall " + recall);
        assertTrue(warnRate <= 0.01, "warned on " + warnRate + " of negative messages");
        assertTrue(wrongKind == 0, wrongKind + " numbers found with the wrong kind");
    }
}
