package se.postvakt.compose;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.postvakt.policy.PolicyDocument;

/**
 * The policy fields the compose rules read, parsed once per policy version (word lists compiled into matchers), so
 * a check reads plain fields. {@link Severity#OFF} switches a rule off.
 */
public record ComposeSettings(int policyVersion, ZoneId zone, Set<String> internalDomains, Set<String> trustedDomains,
                              Severity personnummer, Severity personnummerExternal,
                              long attachmentWarnBytes, long attachmentWarnTotalBytes, Severity attachments,
                              int audienceWarnRecipients, Set<String> allowedGroups, Severity audience,
                              Severity externalRecipients, Severity confidential, Severity chainLetter,
                              Severity publicRecord, PhraseMatcher words) {
    /** Bits of {@link #words}' lists: the word rules share one pass over the text. */
    static final int CONFIDENTIAL_WORDS = 1;
    static final int CHAIN_LETTER_PHRASES = 2;
    static final int PUBLIC_RECORD_WORDS = 4;

    /** Reads the settings from a policy document. */
    public static ComposeSettings from(PolicyDocument p) {
        return new ComposeSettings(p.version(), p.timeZone(), lower(p.getList("domains.internal")), lower(p.getList("domains.trusted")),
                Severity.of(p.getString("personnummer.severity")), Severity.of(p.getString("personnummer.externalSeverity")),
                p.getLong("attachments.warnBytes"), p.getLong("attachments.warnTotalBytes"),
                Severity.of(p.getString("attachments.severity")),
                p.getInt("audience.warnRecipients"), lower(p.getList("audience.allowedGroups")),
                Severity.of(p.getString("audience.severity")),
                Severity.of(p.getString("rules.externalRecipients.severity")),
                Severity.of(p.getString("rules.confidential.severity")), Severity.of(p.getString("rules.chainLetter.severity")),
                p.getBoolean("rules.publicRecord.enabled") ? Severity.of(p.getString("rules.publicRecord.severity")) : Severity.OFF,
                new PhraseMatcher(List.of(p.getList("rules.confidential.words"), p.getList("rules.chainLetter.phrases"),
                        p.getList("rules.publicRecord.words"))));
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            out.add(v.strip().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** True when the address's domain (or a parent domain of it) is in {@code domains}. */
    static boolean inDomains(String address, Set<String> domains) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String d = address.substring(at + 1);
        while (true) {
            if (domains.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }
}
