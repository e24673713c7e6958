package se.postvakt.sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code auth-failed} and {@code own-domain-spoofed} from the Authentication-Results headers. DMARC or Exchange's
 * composite authentication failing is suspicious; for the own domain it is a spoof. SPF failing alone is normal for
 * forwarded mail, and DKIM failing alone is normal for mailing lists, as long as DMARC passes. For the own domain a
 * hard SPF failure without any passing DKIM, DMARC or compauth also counts, since many tenants publish no DMARC.
 */
public final class AuthResultsDetector implements SenderDetector {
    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        AuthResults a = in.auth();
        if (a.headers() == 0) {
            return;
        }
        DomainName from = in.from().domain();
        DomainName claimed = a.headerFrom() != null ? DomainName.parse(a.headerFrom()) : null;
        boolean own = rules.isInternal(from) || rules.isInternal(claimed);
        boolean dmarcFail = a.is("dmarc", "fail");
        boolean compFail = a.is("compauth", "fail");
        boolean spfOnlyFail = own && (a.is("spf", "fail") || a.is("spf", "softfail")) && !a.is("dkim", "pass")
                && !a.is("dmarc", "pass") && !a.is("compauth", "pass");
        if (!dmarcFail && !compFail && !spfOnlyFail) {
            return;
        }
        Map<String, String> detail = new LinkedHashMap<>();
        for (String m : List.of("spf", "dkim", "dmarc", "compauth")) {
            String r = a.result(m);
            if (r != null) {
                detail.put(m, Fold.shown(r, 20));
            }
        }
        if (a.compauthReason() != null) {
            detail.put("reason", Fold.shown(a.compauthReason(), 8));
        }
        DomainName shown = from != null ? from : claimed;
        if (shown != null) {
            detail.put("domain", shown.ascii());
        }
        out.add(own ? new Finding("own-domain-spoofed", Severity.DANGER, detail)
                : new Finding("auth-failed", Severity.WARN, detail));
    }
}
