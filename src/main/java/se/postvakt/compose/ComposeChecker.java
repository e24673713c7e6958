package se.postvakt.compose;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiException;

/**
 * Runs every detector of {@link Detectors#all} over a message and gives the verdict. The policy's settings are
 * parsed once per policy version; the counts for follow-up go to {@link ComposeStats} (in memory, flushed later).
 */
public final class ComposeChecker {
    private final PolicyStore policy;
    private final List<Detector> detectors;
    private final ComposeStats stats;
    private final Clock clock;
    private volatile ComposeSettings settings;

    public ComposeChecker(PolicyStore policy, GroupSizeLookup groups, ComposeStats stats, Clock clock) {
        this.policy = policy;
        this.detectors = Detectors.all(groups);
        this.stats = stats;
        this.clock = clock;
    }

    /** Checks one message for the signed-in {@code sender}; throws a 400 {@link ApiException} for a negative size. */
    public CheckResult check(ComposeRequest request, String sender) {
        validate(request);
        ComposeSettings s = settings();
        LocalDate today = LocalDate.now(clock.withZone(s.zone()));
        MessageView m = new MessageView(request, sender, s, today);
        List<Finding> findings = new ArrayList<>();
        for (Detector d : detectors) {
            d.detect(m, s, findings);
        }
        Severity top = Severity.OFF;
        for (Finding f : findings) {
            top = top.max(f.severity());
        }
        String verdict = top == Severity.BLOCK ? "block" : top == Severity.WARN ? "warn" : "ok";
        CheckResult result = new CheckResult(verdict, findings, checkId(), s.policyVersion());
        if (stats != null) {
            stats.record(today, top, findings);
        }
        return result;
    }

    /**
     * A random version-4 UUID for the outcome report. It identifies, it does not authorise, so it is drawn from
     * {@link ThreadLocalRandom} instead of {@code UUID.randomUUID()}'s {@code SecureRandom}, which request threads
     * queue for under load.
     */
    static String checkId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static void validate(ComposeRequest r) {
        if (r.attachments() == null) {
            return;
        }
        for (int i = 0; i < r.attachments().size(); i++) {
            ComposeRequest.Attachment a = r.attachments().get(i);
            if (a != null && a.size() != null && a.size() < 0) {
                throw ApiException.field("attachments[" + i + "].size", "must not be negative");
            }
        }
    }

    private ComposeSettings settings() {
        PolicyDocument doc = policy.current();
        ComposeSettings s = settings;
        if (s == null || s.policyVersion() != doc.version()) {
            s = ComposeSettings.from(doc);
            settings = s;
        }
        return s;
    }
}
