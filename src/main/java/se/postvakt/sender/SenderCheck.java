package se.postvakt.sender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sender check: runs every detector over one message's sender facts and turns the findings into a verdict.
 * {@code dangerous} is kept for the clearest cases: a finding of weight danger (a spoof of the own domain), or a
 * look-alike domain whose mail also failed authentication.
 */
public final class SenderCheck {
    /** The detectors, in the order their reasons are listed. */
    static final List<SenderDetector> DETECTORS = List.of(new AuthResultsDetector(), new LookalikeDomainDetector(),
            new DisplayNameAddressDetector(), new DisplayNameClaimDetector(), new StaffNameDetector(),
            new ReplyToDetector());

    private final Supplier<SenderRules> rules;

    public SenderCheck(Supplier<SenderRules> rules) {
        this.rules = rules;
    }

    /** A reason as the API shows it. */
    public record Reason(String code, Severity severity, String message, Map<String, String> detail) {
    }

    /** The answer: a verdict and its reasons, most serious first. */
    public record Result(Verdict verdict, List<Reason> reasons) {
    }

    public Result check(SenderInput in, boolean english) {
        List<Finding> findings = findings(in, rules.get());
        List<Reason> reasons = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            reasons.add(new Reason(f.code(), f.severity(), Messages.of(f, english), f.detail()));
        }
        Severity worst = null;
        for (Finding f : findings) {
            worst = worst == null || f.severity().compareTo(worst) > 0 ? f.severity() : worst;
        }
        return new Result(Verdict.of(worst), reasons);
    }

    /** The findings alone, with look-alike plus failed authentication raised to danger. */
    public static List<Finding> findings(SenderInput in, SenderRules rules) {
        List<Finding> out = new ArrayList<>(4);
        if (!in.from().valid()) {
            if (!in.from().exchangeInternal()) {
                out.add(new Finding("invalid-address", Severity.WARN, Map.of()));
            }
            new DisplayNameAddressDetector().inspect(in, rules, out);
            return out;
        }
        if (in.from().domain().brokenIdn()) {
            out.add(new Finding("invalid-address", Severity.WARN, Finding.ordered("domain", in.from().domain().ascii())));
        }
        for (SenderDetector d : DETECTORS) {
            d.inspect(in, rules, out);
        }
        boolean lookalike = out.stream().anyMatch(f -> f.code().equals("lookalike-domain")
                || f.code().equals("homoglyph-domain"));
        if (lookalike) {
            for (int i = 0; i < out.size(); i++) {
                Finding f = out.get(i);
                if (f.code().equals("auth-failed")) {
                    out.set(i, new Finding(f.code(), Severity.DANGER, f.detail()));
                }
            }
        }
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }
}
