package se.postvakt.sender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import se.postvakt.policy.PolicyDocument;

/**
 * Everything the sender detectors compare against, folded once: the own and trusted domains as brands, the names
 * the organisation, its partners and roles go by, free-mail providers and staff names. Built from the policy and
 * the staff directory; rebuilt only when either changes.
 */
public final class SenderRules {
    /**
     * Words attackers add to a real name to make a new domain ({@code mjolby-support.se}, {@code servicemotala.se}):
     * general mail, account and municipal vocabulary in Swedish and English, not a list of known bad domains.
     */
    static final Set<String> SQUAT_WORDS = Set.of("it", "support", "service", "services", "servicedesk", "helpdesk",
            "help", "hjalp", "konto", "kontot", "account", "accounts", "login", "logon", "signin", "logga", "loggain",
            "inloggning", "secure", "sakerhet", "sakert", "security", "safe", "verify", "verifiera", "verifiering",
            "verification", "validate", "auth", "sso", "id", "mail", "email", "epost", "webmail", "post", "portal",
            "online", "web", "webb", "app", "apps", "my", "mitt", "min", "mina", "sidor", "minasidor", "admin",
            "administration", "kommun", "kommunen", "kommuns", "stad", "region", "office", "office365", "o365", "m365",
            "microsoft", "outlook", "teams", "sharepoint", "onedrive", "cloud", "drive", "docs", "dokument", "share",
            "filer", "intranet", "intra", "net", "system", "info", "information", "kontakt", "kundtjanst",
            "kundservice", "update", "uppdatera", "uppdatering", "team", "hr", "lon", "ekonomi", "faktura", "fakturor",
            "betalning", "pay", "payment", "bank", "bankid", "signering", "sign", "official", "digital", "center",
            "desk", "access", "alert", "notice", "notification", "reset", "password", "losenord", "tjanster",
            "etjanster", "e", "noreply", "se", "nu", "group", "mejl", "intranat", "extranet", "personal", "hjalpen",
            "ledning", "avtal", "arende", "etjanst", "adfs", "owa", "exchange", "365", "servicecenter", "kontaktcenter",
            "medarbetare", "anstallda", "lonespec", "lonebesked", "portalen", "konton", "kund", "kunder", "check",
            "kontroll", "sparr", "rapport", "arkiv", "fil", "delning", "skydd", "varning", "meddelande",
            "inkorg", "org", "www", "in", "ut");
    /**
     * Words that, next to an organisation's name, still only name that organisation or a part of it
     * ({@code Linköpings kommun}, {@code IT-avdelningen Mjölby kommun}); anything else makes it another body.
     */
    static final List<String> ORG_WORDS = List.of("kommun", "kommunen", "kommuns", "region", "regionen", "stad",
            "staden", "stads", "landsting", "landstinget", "lan", "forvaltning", "forvaltningen", "kommunstyrelsen",
            "kommunledningen", "kommunledningsforvaltningen", "it", "itavdelningen", "itsupport", "itenheten",
            "support", "servicedesk", "helpdesk", "kundtjanst", "kundservice", "kontaktcenter", "ekonomi",
            "ekonomienheten", "ekonomiavdelningen", "lon", "lonekontoret", "loneenheten", "hr", "hravdelningen",
            "personal", "personalavdelningen", "registrator", "registratur", "kansli", "info", "information",
            "nyheter", "nyhetsbrev", "tjanster", "etjanster", "minasidor", "admin", "administration", "noreply",
            "avdelning", "avdelningen", "itavdelning", "enhet", "enheten", "kontor", "kontoret", "the", "of",
            "municipality", "council", "county");

    private final List<Brand> brands;
    private final Set<String> internal;
    private final Set<String> trusted;
    private final Set<String> freemail;
    private final Set<String> legitimate;
    private final List<OrgName> orgNames;
    private final List<RoleName> roles;
    private final Set<String> staffNames;
    private final Set<String> squatWords;
    private final Set<String> orgWords;
    private final int maxOrgWord;

    /** A domain people may be tricked into believing a sender belongs to. */
    public record Brand(String domain, boolean own, String registrable, String label, String suffix, String plain,
                        String skeleton) {
    }

    /** A folded organisation name ({@code rnjolbykornrnun}), the domain it belongs to and whether that is our own. */
    record OrgName(String folded, String domain, boolean own) {
    }

    /** A role or authority name, with its folded form. */
    record RoleName(String name, String compact, String firstWord) {
    }

    private SenderRules(List<String> internal, List<String> trusted, List<String> orgNames, List<String> roleNames,
                        List<String> freemail, List<String> legitimate, List<StaffDirectory.Person> staff) {
        this.internal = lower(internal);
        this.trusted = lower(trusted);
        this.freemail = lower(freemail);
        this.legitimate = lower(legitimate);
        List<Brand> b = new ArrayList<>();
        for (String d : this.internal) {
            addBrand(b, d, true);
        }
        for (String d : this.trusted) {
            addBrand(b, d, false);
        }
        this.brands = List.copyOf(b);
        Map<String, OrgName> names = new LinkedHashMap<>();
        String firstOwn = this.internal.isEmpty() ? "" : this.internal.iterator().next();
        if (orgNames.isEmpty()) {
            for (String d : this.internal) {
                derivedOrgNames(d).forEach(n -> names.putIfAbsent(n, new OrgName(n, d, true)));
            }
        } else {
            for (String n : orgNames) {
                String c = Fold.compact(n);
                if (c.length() >= 3) {
                    names.putIfAbsent(c, new OrgName(c, firstOwn, true));
                }
            }
        }
        for (String d : this.trusted) {
            derivedOrgNames(d).forEach(n -> names.putIfAbsent(n, new OrgName(n, d, false)));
        }
        this.orgNames = List.copyOf(names.values());
        this.roles = roleNames.stream().map(r -> {
            String[] w = Fold.words(r);
            return new RoleName(r, String.join("", w), w.length == 0 ? "" : w[0]);
        }).filter(r -> r.compact().length() >= 3).toList();
        Set<String> staffSet = new HashSet<>();
        for (StaffDirectory.Person p : staff) {
            String key = nameKey(p.name());
            if (key != null) {
                staffSet.add(key);
            }
        }
        this.staffNames = Set.copyOf(staffSet);
        this.squatWords = SQUAT_WORDS;
        Set<String> ow = new HashSet<>();
        int max = 0;
        for (String w : ORG_WORDS) {
            String f = Fold.compact(w);
            ow.add(f);
            max = Math.max(max, f.length());
        }
        this.orgWords = Set.copyOf(ow);
        this.maxOrgWord = max;
    }

    /** Rules from plain lists (tests, the quality corpus). */
    public static SenderRules of(List<String> internal, List<String> trusted, List<String> orgNames,
                                 List<String> roleNames, List<String> freemail, List<StaffDirectory.Person> staff) {
        return of(internal, trusted, orgNames, roleNames, freemail, List.of(), staff);
    }

    /** Rules from plain lists, with legitimate domains that resemble a brand (tests). */
    public static SenderRules of(List<String> internal, List<String> trusted, List<String> orgNames,
                                 List<String> roleNames, List<String> freemail, List<String> legitimate,
                                 List<StaffDirectory.Person> staff) {
        return new SenderRules(internal, trusted, orgNames, roleNames, freemail, legitimate, staff);
    }

    /** Rules from the policy's {@code domains} and {@code sender} sections and the staff directory. */
    public static SenderRules from(PolicyDocument policy, StaffDirectory staff) {
        return new SenderRules(policy.getList("domains.internal"), policy.getList("domains.trusted"),
                policy.getList("sender.organisationNames"), policy.getList("sender.roleNames"),
                policy.getList("sender.freemailDomains"), policy.getList("sender.legitimateDomains"), staff.people());
    }

    private static Set<String> lower(List<String> domains) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : domains) {
            DomainName dn = DomainName.parse(d);
            if (dn != null) {
                out.add(dn.ascii());
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    private static void addBrand(List<Brand> out, String domain, boolean own) {
        DomainName dn = DomainName.parse(domain);
        if (dn == null) {
            return;
        }
        String plain = Fold.plain(dn.label());
        out.add(new Brand(dn.ascii(), own, dn.registrableAscii(), dn.label(), dn.suffix(), plain, Fold.skeleton(plain)));
    }

    /**
     * A person's name as a comparable key: folded words in sorted order, so {@code Lindqvist, Anna} matches
     * {@code Anna Lindqvist}. Null for single words, which are too common to compare.
     */
    static String nameKey(String name) {
        if (name == null) {
            return null;
        }
        String[] w = Fold.words(name);
        if (w.length < 2) {
            return null;
        }
        Arrays.sort(w);
        return String.join(" ", w);
    }

    public List<Brand> brands() {
        return brands;
    }

    public boolean isInternal(DomainName d) {
        return d != null && within(d, internal);
    }

    public boolean isTrusted(DomainName d) {
        return d != null && within(d, trusted);
    }

    /** Own or trusted partner mail, including real subdomains ({@code mail.regionostergotland.se}). */
    public boolean isKnown(DomainName d) {
        return isInternal(d) || isTrusted(d);
    }

    /**
     * A domain IT has said is a legitimate organisation of its own although it resembles ours or a partner's
     * ({@code lidkoping.se} one letter from {@code linkoping.se}), including its subdomains.
     */
    public boolean isListedLegitimate(DomainName d) {
        return d != null && within(d, legitimate);
    }

    public boolean isFreemail(DomainName d) {
        return d != null && freemail.contains(d.ascii());
    }

    private static boolean within(DomainName d, Set<String> set) {
        if (set.contains(d.ascii())) {
            return true;
        }
        String a = d.ascii();
        for (int i = a.indexOf('.'); i >= 0; i = a.indexOf('.', i + 1)) {
            if (set.contains(a.substring(i + 1))) {
                return true;
            }
        }
        return false;
    }

    boolean isStaffName(String displayName) {
        String key = nameKey(displayName);
        return key != null && staffNames.contains(key);
    }

    /** Folded organisation names with the domain they belong to. */
    List<OrgName> orgNames() {
        return orgNames;
    }

    List<RoleName> roles() {
        return roles;
    }

    boolean isSquatWord(String folded) {
        return squatWords.contains(folded);
    }

    /** True when {@code s} is made only of organisation words. */
    boolean onlyOrgWords(String s) {
        return segments(s, orgWords, maxOrgWord);
    }

    /** True when {@code s} splits into squat words or digit runs. */
    boolean onlySquatWords(String s) {
        return segments(s, squatWords, 16);
    }

    private static boolean segments(String s, Set<String> words, int maxWord) {
        if (s.length() > 64) {
            return false;
        }
        boolean[] ok = new boolean[s.length() + 1];
        ok[0] = true;
        for (int i = 0; i < s.length(); i++) {
            if (!ok[i]) {
                continue;
            }
            if (Character.isDigit(s.charAt(i))) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                ok[j] = true;
            }
            for (int j = i + 1; j <= Math.min(s.length(), i + maxWord); j++) {
                if (words.contains(s.substring(i, j))) {
                    ok[j] = true;
                }
            }
        }
        return ok[s.length()];
    }

    /**
     * Folded organisation names derived from a domain: for the own domains when none are configured, and always
     * for the trusted ones ({@code mjolby kommun}, {@code linkopings kommun}); folding makes them match
     * "Mjölby kommun".
     */
    static List<String> derivedOrgNames(String domain) {
        DomainName dn = DomainName.parse(domain);
        if (dn == null) {
            return List.of();
        }
        String l = Fold.plain(dn.label()).replace('-', ' ');
        return List.of(Fold.compact(l + " kommun"), Fold.compact(l + "s kommun"), Fold.compact(l + " stad"),
                Fold.compact("region " + l));
    }
}
