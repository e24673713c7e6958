package se.postvakt.sender;

import java.util.List;

/**
 * {@code staff-name-impersonation}: the display name is exactly a colleague's name (in any word order, without
 * regard to case or å/ä/ö) while the address is outside the organisation and its trusted partners. Service
 * notices such as "Anna Lindqvist (via SharePoint Online)" are not an exact match and pass.
 */
public final class StaffNameDetector implements SenderDetector {
    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        DomainName d = in.from().domain();
        if (d == null || rules.isKnown(d) || !rules.isStaffName(in.name())) {
            return;
        }
        out.add(new Finding("staff-name-impersonation", Severity.WARN, Finding.ordered("name", Fold.shown(in.name(), 80),
                "domain", d.ascii(), "freemail", Boolean.toString(rules.isFreemail(d)))));
    }
}
