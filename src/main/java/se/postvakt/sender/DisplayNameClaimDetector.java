package se.postvakt.sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import se.postvakt.sender.SenderRules.Brand;
import se.postvakt.sender.SenderRules.RoleName;

/**
 * {@code display-name-impersonation}: the display name claims the organisation ("Mjölby kommun"), a trusted partner
 * ("Linköpings kommun") or a role or authority ("IT-avdelningen", "Skatteverket") while the address is free-mail or
 * belongs to an unrelated domain. A name that only starts with the town ("Mjölby Schackklubb") is another body and
 * not a claim. A role next to the sender's own name ("Atea Servicedesk" from atea.se) is that company's own role,
 * except on free-mail. A part showing an address is left to {@link DisplayNameAddressDetector}. Each part of a name such as "Birgitta Holmberg | Linköpings kommun" is judged on its own.
 */
public final class DisplayNameClaimDetector implements SenderDetector {
    private static final Pattern PARTS = Pattern.compile("[|/()\\[\\],;:\"<>•–—]| - | via ");

    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        DomainName d = in.from().domain();
        if (d == null || in.name().isEmpty() || rules.isKnown(d)) {
            return;
        }
        String label = Fold.compact(d.label());
        for (String part : PARTS.split(in.name())) {
            if (part.indexOf('@') >= 0) {
                continue;
            }
            String[] words = Fold.words(part);
            if (String.join("", words).length() < 2) {
                continue;
            }
            Map<String, String> claim = claim(words, rules.isFreemail(d) ? "" : label, rules);
            if (claim != null) {
                Map<String, String> detail = new LinkedHashMap<>(claim);
                detail.put("name", Fold.shown(part, 80));
                detail.put("domain", d.ascii());
                detail.put("freemail", Boolean.toString(rules.isFreemail(d)));
                out.add(new Finding("display-name-impersonation", Severity.WARN, detail));
                return;
            }
        }
    }

    /** A name of letters only could be a town that other bodies are named after; {@code 1177} cannot. */
    private static boolean isWord(String name) {
        return name.chars().allMatch(Character::isLetter);
    }

    private static boolean wholeWord(String[] words, String token) {
        for (String w : words) {
            if (w.equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> claim(String[] words, String senderLabel, SenderRules rules) {
        String compact = String.join("", words);
        for (SenderRules.OrgName org : rules.orgNames()) {
            if (compact.contains(org.folded())) {
                return Finding.ordered("claims", org.own() ? "organisation" : "trusted", "resembles", org.domain());
            }
        }
        for (Brand b : rules.brands()) {
            int at = compact.indexOf(b.skeleton());
            if (at >= 0) {
                String after = compact.substring(at + b.skeleton().length());
                String rest = compact.substring(0, at) + (after.startsWith("s") ? after.substring(1) : after);
                if (rest.isEmpty() || rules.onlyOrgWords(rest) || !isWord(b.plain()) && wholeWord(words, b.skeleton())) {
                    return Finding.ordered("claims", b.own() ? "organisation" : "trusted", "resembles", b.domain());
                }
            }
        }
        for (RoleName r : rules.roles()) {
            if (compact.contains(r.compact()) && !related(r, senderLabel)
                    && !(senderLabel.length() >= 3 && compact.contains(senderLabel))) {
                return Finding.ordered("claims", "role", "role", r.name());
            }
        }
        return null;
    }

    /**
     * The role's own domain: {@code Försäkringskassan} from forsakringskassan.se, {@code Microsoft 365} from
     * microsoft.com or microsoftonline.com. The name with more added ({@code forsakringskassan-se.com},
     * {@code microsoft-support.net}) is how such names are squatted, not the authority's own domain.
     */
    private static boolean related(RoleName role, String label) {
        if (label.length() < 3) {
            return false;
        }
        if (role.compact().contains(label)) {
            return true;
        }
        String name = label.startsWith(role.compact()) ? role.compact()
                : role.firstWord().length() >= 4 && label.startsWith(role.firstWord()) ? role.firstWord() : null;
        if (name == null) {
            return false;
        }
        String rest = label.substring(name.length());
        return rest.isEmpty() || rest.equals("online");
    }
}
