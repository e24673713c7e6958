package se.postvakt.policy;

import static se.postvakt.policy.FieldKind.ADDRESSES;
import static se.postvakt.policy.FieldKind.BOOLEAN;
import static se.postvakt.policy.FieldKind.BYTES;
import static se.postvakt.policy.FieldKind.CHOICE;
import static se.postvakt.policy.FieldKind.COUNT;
import static se.postvakt.policy.FieldKind.DAYS;
import static se.postvakt.policy.FieldKind.DOMAINS;
import static se.postvakt.policy.FieldKind.EMAIL;
import static se.postvakt.policy.FieldKind.SEVERITY;
import static se.postvakt.policy.FieldKind.STRINGS;
import static se.postvakt.policy.FieldKind.TEXT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field of the policy document in one list: it gives the defaults, the validation and the admin editor's
 * form. A capability that needs a setting adds its field here, in its own section.
 */
public final class PolicySchema {
    private static final long MIB = 1024L * 1024L;
    private static final List<String> SEVERITIES = List.of("off", "info", "warn", "block");

    private final List<PolicyField> fields;
    private final Map<String, PolicyField> byPath;

    private PolicySchema(List<PolicyField> fields) {
        this.fields = List.copyOf(fields);
        Map<String, PolicyField> map = new LinkedHashMap<>();
        for (PolicyField f : fields) {
            if (map.put(f.path(), f) != null) {
                throw new IllegalStateException("duplicate policy field " + f.path());
            }
        }
        this.byPath = Map.copyOf(map);
    }

    /** The schema with first-run defaults; {@code orgDomains} seeds {@code domains.internal}. */
    public static PolicySchema standard(List<String> orgDomains) {
        List<PolicyField> f = new ArrayList<>();
        // Attachments and audience: the policy's advice against large files and mass mailings.
        f.add(field("attachments.warnBytes", BYTES, 10 * MIB, "Varna för bilaga större än", "Warn for an attachment larger than"));
        f.add(field("attachments.warnTotalBytes", BYTES, 20 * MIB, "Varna när bilagorna tillsammans är större än", "Warn when all attachments together exceed"));
        f.add(field("attachments.severity", SEVERITY, "warn", "Allvarlighet för stora bilagor", "Severity for large attachments"));
        f.add(field("audience.warnRecipients", COUNT, 25, "Varna vid fler mottagare än", "Warn above this many recipients"));
        f.add(field("audience.allowedGroups", ADDRESSES, List.of(), "Gruppadresser som får användas utan varning", "Group addresses allowed without warning"));
        f.add(field("audience.severity", SEVERITY, "warn", "Allvarlighet för många mottagare", "Severity for large audiences"));
        // Domains: what is the organisation's own mail, and which partners are trusted.
        f.add(field("domains.internal", DOMAINS, List.copyOf(orgDomains), "Organisationens egna e-postdomäner", "The organisation's own mail domains"));
        f.add(field("domains.trusted", DOMAINS, List.of(), "Betrodda partnerdomäner", "Trusted partner domains"));
        // Personal identity numbers.
        f.add(field("personnummer.severity", SEVERITY, "warn", "Personnummer till interna mottagare", "Identity numbers to internal recipients"));
        f.add(field("personnummer.externalSeverity", SEVERITY, "block", "Personnummer till externa mottagare", "Identity numbers to external recipients"));
        // Further compose rules.
        f.add(field("rules.externalRecipients.severity", SEVERITY, "info", "Mottagare utanför organisationen", "Recipients outside the organisation"));
        f.add(field("rules.confidential.severity", SEVERITY, "warn", "Sekretessord", "Confidentiality words"));
        f.add(field("rules.confidential.words", STRINGS, List.of("sekretess", "sekretessbelagd", "sekretessbelagt",
                "sekretessbelagda", "omfattas av sekretess", "OSL", "offentlighets- och sekretesslagen", "skyddad identitet",
                "skyddade personuppgifter", "sekretessmarkering", "kvarskrivning"), "Ord som markerar sekretess", "Words that mark confidential content"));
        f.add(field("rules.chainLetter.severity", SEVERITY, "info", "Kedjebrev", "Chain letters"));
        f.add(field("rules.chainLetter.phrases", STRINGS, List.of("skicka vidare till", "skicka detta vidare", "vidarebefordra till alla",
                "skicka till 10", "skicka till tio", "forward this to", "send this to 10", "pass it on", "bryt inte kedjan",
                "break the chain"), "Fraser som tyder på kedjebrev", "Phrases typical of chain letters"));
        f.add(field("rules.publicRecord.enabled", BOOLEAN, true, "Påminn om diarieföring", "Remind about registering official documents"));
        f.add(field("rules.publicRecord.severity", SEVERITY, "info", "Allvarlighet för diarieföringspåminnelse", "Severity of the registration reminder"));
        f.add(field("rules.publicRecord.words", STRINGS, List.of("beslut", "yttrande", "dnr", "diarienummer", "ert ärende",
                "ärendenummer", "delegationsbeslut", "protokoll", "remissvar"), "Ord som tyder på allmän handling", "Words suggesting an official document"));
        // The add-in's behaviour when the backend cannot answer in time.
        f.add(choice("addin.failMode", "open", List.of("open", "closed"), "När Postvakt inte svarar", "When Postvakt does not answer"));
        // Sender checks on incoming mail.
        f.add(field("sender.organisationNames", STRINGS, List.of(), "Namn som organisationen använder", "Names the organisation goes by"));
        f.add(field("sender.roleNames", STRINGS, List.of("IT-avdelningen", "IT-support", "IT-enheten", "Servicedesk", "Helpdesk",
                "Lönekontoret", "Löneenheten", "Ekonomiavdelningen", "HR-avdelningen", "Kommunledningen", "Kommundirektör",
                "Kommunstyrelsen", "Skatteverket", "Försäkringskassan", "Polisen", "Microsoft 365", "Office 365"),
                "Roller och myndigheter som avsändare kan utge sig för", "Roles and authorities a sender may pose as"));
        f.add(field("sender.freemailDomains", DOMAINS, List.of("gmail.com", "googlemail.com", "hotmail.com", "hotmail.se",
                "outlook.com", "outlook.se", "live.com", "live.se", "msn.com", "yahoo.com", "yahoo.se", "icloud.com", "me.com",
                "aol.com", "gmx.com", "gmx.net", "mail.com", "protonmail.com", "proton.me", "telia.com", "spray.se", "bredband.net",
                "comhem.se", "tutanota.com", "zoho.com", "yandex.com", "mail.ru"), "Gratis e-posttjänster", "Free-mail providers"));
        f.add(field("sender.legitimateDomains", DOMAINS, List.of(),
                "Legitima domäner som liknar våra eller partnernas (t.ex. andra kommuner)",
                "Legitimate domains that resemble ours or a partner's (e.g. other municipalities)"));
        f.add(field("security.reportMailbox", EMAIL, "", "Brevlåda för rapporter till IT", "Mailbox for reports to IT"));
        // Absence: out-of-office replies and delegates.
        f.add(field("absence.delegateAfterDays", DAYS, 2, "Ombud vid frånvaro längre än (dagar)", "Delegate for absences longer than (days)"));
        f.add(choice("absence.forwardMode", "redirect", List.of("redirect", "forwardCopy"), "Hur e-post går till ombudet", "How mail reaches the delegate"));
        f.add(field("absence.calendarDelegate", BOOLEAN, false, "Ge ombudet kalenderbehörighet", "Give the delegate calendar permission"));
        f.add(field("absence.detectFromCalendar", BOOLEAN, false, "Upptäck frånvaro i kalendern", "Detect absence from the calendar"));
        f.add(choice("absence.externalAudience", "all", List.of("none", "contactsOnly", "all"), "Frånvaromeddelande till externa", "Automatic reply to external senders"));
        f.add(field("absence.timeZone", TEXT, "Europe/Stockholm", "Organisationens tidszon", "The organisation's time zone"));
        f.add(field("absence.functionalMailbox", EMAIL, "", "Funktionsbrevlåda i frånvaromeddelandet", "Functional mailbox in the reply"));
        f.add(text("absence.templates.sv.internal", "Hej!\n\nJag är frånvarande och tillbaka {returnDate}.{delegateSentence}\n\nMed vänliga hälsningar\n{name}",
                "Mall, svenska, internt", "Template, Swedish, internal"));
        f.add(text("absence.templates.sv.external", "Hej!\n\nJag är frånvarande och tillbaka {returnDate}.{delegateSentence} Brådskande ärenden kan skickas till {functionalMailbox}.\n\nMed vänliga hälsningar\n{name}",
                "Mall, svenska, externt", "Template, Swedish, external"));
        f.add(text("absence.templates.en.internal", "Hello,\n\nI am away and back on {returnDate}.{delegateSentence}\n\nKind regards\n{name}",
                "Mall, engelska, internt", "Template, English, internal"));
        f.add(text("absence.templates.en.external", "Hello,\n\nI am away and back on {returnDate}.{delegateSentence} Urgent matters can be sent to {functionalMailbox}.\n\nKind regards\n{name}",
                "Mall, engelska, externt", "Template, English, external"));
        f.add(text("absence.templates.sv.delegateSentence", " Under tiden tar {delegateName} ({delegateAddress}) hand om min e-post.",
                "Mening om ombud, svenska", "Delegate sentence, Swedish"));
        f.add(text("absence.templates.en.delegateSentence", " Meanwhile {delegateName} ({delegateAddress}) takes care of my e-mail.",
                "Mening om ombud, engelska", "Delegate sentence, English"));
        return new PolicySchema(f);
    }

    static PolicyField field(String path, FieldKind kind, Object def, String sv, String en) {
        return new PolicyField(path, kind, def, sv, en, kind == SEVERITY ? SEVERITIES : List.of(), kind == TEXT ? 4000 : 320);
    }

    static PolicyField choice(String path, String def, List<String> choices, String sv, String en) {
        return new PolicyField(path, CHOICE, def, sv, en, choices, 64);
    }

    static PolicyField text(String path, String def, String sv, String en) {
        return new PolicyField(path, TEXT, def, sv, en, List.of(), 4000);
    }

    public List<PolicyField> fields() {
        return fields;
    }

    public PolicyField field(String path) {
        return byPath.get(path);
    }
}
