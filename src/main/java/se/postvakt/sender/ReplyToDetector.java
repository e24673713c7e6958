package se.postvakt.sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reply-to-mismatch}: answers go somewhere else than the sender. Flagged when the From is own or trusted
 * mail and the Reply-To leads to free-mail or an unrelated domain, and for any sender when the Reply-To is a
 * look-alike of an own or trusted domain. A Reply-To within the same organisation is normal.
 */
public final class ReplyToDetector implements SenderDetector {
    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        DomainName from = in.from().domain();
        boolean known = rules.isKnown(from) || in.from().exchangeInternal();
        for (EmailAddress rt : in.replyTo()) {
            DomainName d = rt.domain();
            if (d == null || rules.isKnown(d)) {
                continue;
            }
            String kind = null;
            LookalikeDomainDetector.Resemblance r = LookalikeDomainDetector.resemble(d, rules);
            if (r != null && r.severity() != Severity.INFO) {
                kind = "lookalike";
            } else if (known && (from == null || !d.registrableAscii().equals(from.registrableAscii()))) {
                kind = rules.isFreemail(d) ? "freemail" : "unrelated";
            }
            if (kind != null) {
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("replyTo", Fold.shown(rt.canonical(), 120));
                detail.put("kind", kind);
                if (r != null && kind.equals("lookalike")) {
                    detail.put("resembles", r.brand().domain());
                }
                out.add(new Finding("reply-to-mismatch", Severity.WARN, detail));
                return;
            }
        }
    }
}
