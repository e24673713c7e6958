package se.postvakt.sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.postvakt.sender.SenderRules.Brand;

/**
 * {@code lookalike-domain}, {@code homoglyph-domain} and {@code brand-in-other-domain}: a From domain that is not the
 * own or a trusted domain but resembles one. Typos are measured as edits on the registrable label (one edit for
 * names of 4–7 letters, two from 8), on both the plain letters and the UTS #39 confusables skeleton; the same name
 * under another top-level domain, with hyphens, with squatting words added, or as a subdomain of a foreign domain
 * also counts. A look-alike stays suspicious when its own SPF/DKIM/DMARC pass: the attacker owns that domain.
 */
public final class LookalikeDomainDetector implements SenderDetector {
    /** How a domain resembles a brand. */
    public record Resemblance(Brand brand, String code, Severity severity, String technique) {
        int rank() {
            return switch (code) {
                case "homoglyph-domain" -> 4;
                case "lookalike-domain" -> 3;
                default -> severity == Severity.WARN ? 2 : 1;
            };
        }
    }

    @Override
    public void inspect(SenderInput in, SenderRules rules, List<Finding> out) {
        DomainName d = in.from().domain();
        Resemblance r = resemble(d, rules);
        if (r != null) {
            out.add(new Finding(r.code(), r.severity(), detail(d, r)));
        }
    }

    static Map<String, String> detail(DomainName d, Resemblance r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domain", d.ascii());
        if (d.idn()) {
            m.put("shownAs", d.unicode());
        }
        m.put("resembles", r.brand().domain());
        m.put("technique", r.technique());
        m.put("of", r.brand().own() ? "own" : "trusted");
        return m;
    }

    /**
     * The strongest resemblance of {@code d} to any brand, or null; own, trusted, listed legitimate
     * ({@code sender.legitimateDomains}) and free-mail domains never resemble.
     */
    public static Resemblance resemble(DomainName d, SenderRules rules) {
        if (d == null || rules.isKnown(d) || rules.isListedLegitimate(d) || rules.isFreemail(d)) {
            return null;
        }
        String plain = Fold.plain(d.label());
        String skel = Fold.skeleton(plain);
        boolean nonAscii = !Fold.isAscii(d.label());
        String registrable = d.registrableAscii();
        List<String> subPlain = d.subLabels().stream().map(Fold::plain).toList();
        List<String> subSkel = subPlain.stream().map(Fold::skeleton).toList();
        String allPlain = subPlain.isEmpty() ? null : (String.join("", subPlain) + plain).replace("-", "");
        Resemblance best = null;
        for (Brand b : rules.brands()) {
            if (registrable.equals(b.registrable())) {
                continue;
            }
            Resemblance r = label(plain, skel, nonAscii, d, b, rules);
            if (r == null) {
                r = subLabels(subPlain, subSkel, allPlain, b);
            }
            if (r != null && (best == null || r.rank() > best.rank())) {
                best = r;
            }
        }
        return best;
    }

    static int allowedEdits(String brandLabel) {
        int n = brandLabel.length();
        return n <= 3 ? 0 : n <= 9 ? 1 : 2;
    }

    private static Resemblance label(String plain, String skel, boolean nonAscii, DomainName d, Brand b, SenderRules rules) {
        int max = allowedEdits(b.plain());
        if (nonAscii && (plain.equals(b.plain()) || skel.equals(b.skeleton()))) {
            return new Resemblance(b, "homoglyph-domain", Severity.WARN, "idn-homoglyph");
        }
        if (plain.equals(b.plain())) {
            return new Resemblance(b, "lookalike-domain", Severity.WARN, "other-tld");
        }
        if (skel.equals(b.skeleton())) {
            return new Resemblance(b, "homoglyph-domain", Severity.WARN, "confusable-letters");
        }
        String joined = plain.replace("-", "");
        if (!joined.equals(plain) && joined.equals(b.plain())) {
            return new Resemblance(b, "lookalike-domain", Severity.WARN, "hyphenation");
        }
        int plainEdits = Fold.distance(plain, b.plain(), max);
        int skelEdits = Fold.distance(skel, b.skeleton(), max);
        if (Math.min(plainEdits, skelEdits) <= max) {
            if (nonAscii) {
                return new Resemblance(b, "homoglyph-domain", Severity.WARN, "idn-homoglyph");
            }
            return skelEdits < plainEdits
                    ? new Resemblance(b, "homoglyph-domain", Severity.WARN, "confusable-letters")
                    : new Resemblance(b, "lookalike-domain", Severity.WARN, "typo");
        }
        if (joined.equals(b.plain() + b.suffix().replace(".", ""))) {
            return new Resemblance(b, "lookalike-domain", Severity.WARN, "domain-in-name");
        }
        if (b.plain().length() >= 4) {
            int at = plain.indexOf(b.plain());
            String extra = at >= 0 ? plain.substring(0, at) + "-" + plain.substring(at + b.plain().length())
                    : joined.contains(b.plain()) ? joined.replace(b.plain(), "-") : null;
            if (extra != null) {
                for (String word : extra.split("-")) {
                    if (!word.isEmpty() && !rules.onlySquatWords(word)) {
                        return new Resemblance(b, "brand-in-other-domain", Severity.INFO, "contains-name");
                    }
                }
                return new Resemblance(b, "lookalike-domain", Severity.WARN, "name-with-words");
            }
        }
        return null;
    }

    /**
     * The brand as a label left of a foreign registrable domain ({@code mjolby.se.secure-login.com}), or split by
     * dots into subdomains ({@code mjo.lby.se}).
     */
    private static Resemblance subLabels(List<String> subPlain, List<String> subSkel, String allPlain, Brand b) {
        int max = allowedEdits(b.plain());
        if (allPlain != null && (allPlain.equals(b.plain()) || Fold.distance(allPlain, b.plain(), max) <= max)) {
            return new Resemblance(b, "lookalike-domain", Severity.WARN, "split-name");
        }
        for (int i = 0; i < subPlain.size(); i++) {
            String p = subPlain.get(i);
            String joined = p.replace("-", "");
            if (joined.equals(b.plain()) || Fold.distance(p, b.plain(), max) <= max
                    || subSkel.get(i).equals(b.skeleton())
                    || joined.equals(b.plain() + b.suffix().replace(".", ""))) {
                return new Resemblance(b, "brand-in-other-domain", Severity.WARN, "subdomain");
            }
        }
        return null;
    }
}
