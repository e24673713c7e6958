package se.postvakt.compose;

import java.util.List;
import java.util.Locale;

/**
 * The finding messages, Swedish first and English second: what was found, why it matters (with the policy's own
 * words), and what to do instead. They quote only the policy's word lists and counts, never the message.
 */
final class Wording {
    /** The policy section all compose rules rest on (riktlinjer för telefoni, mobila enheter och e-post). */
    static final String POLICY_LAWS = "E-post / Lagar och bestämmelser";

    private Wording() {
    }

    static String personnummer(boolean en, String field, int pnr, int sam, boolean atLeast, boolean outside) {
        if (en) {
            String what = count(pnr, "personal identity number", "personal identity numbers")
                    + (sam > 0 ? (pnr > 0 ? " and " : "") + count(sam, "coordination number", "coordination numbers") : "");
            what = pnr == 0 ? count(sam, "coordination number", "coordination numbers") : what;
            return "The " + ("subject".equals(field) ? "subject" : "message") + " contains " + (atLeast ? "at least " : "")
                    + what + ". "
                    + (outside ? "At least one recipient is outside the organisation, and personal data sent over open "
                    + "networks can be read by others. " : "")
                    + "The e-mail policy says to avoid sending personal data such as identity numbers by e-mail "
                    + "(E-post / Lagar och bestämmelser). Remove the number, or refer to the person another way (a case "
                    + "number, initials) and share the details through the case management system or secure e-mail.";
        }
        String what = pnr > 0 ? pnr + " personnummer" : "";
        if (sam > 0) {
            what += (pnr > 0 ? " och " : "") + sam + " samordningsnummer";
        }
        return ("subject".equals(field) ? "Ämnesraden" : "Meddelandet") + " innehåller " + (atLeast ? "minst " : "")
                + what + ". "
                + (outside ? "Minst en mottagare finns utanför organisationen, och personuppgifter som skickas över "
                + "öppna nät kan läsas av andra. " : "")
                + "Enligt riktlinjerna ska du undvika att skicka personuppgifter, till exempel personnummer, via e-post "
                + "(E-post / Lagar och bestämmelser). Ta bort numret eller hänvisa till personen på annat sätt "
                + "(ärendenummer, initialer) och dela uppgifterna via verksamhetssystemet eller säker e-post.";
    }

    static String largeAttachment(boolean en, int largeFiles, long largest, long warnBytes, boolean totalTooLarge,
                                  long total, long inline, long warnTotal) {
        StringBuilder sb = new StringBuilder();
        if (en) {
            if (largeFiles > 0) {
                sb.append(count(largeFiles, "attachment is", "attachments are")).append(" larger than ")
                        .append(size(warnBytes)).append(" (the largest ").append(size(largest)).append("). ");
            }
            if (totalTooLarge) {
                sb.append("All attachments together are ").append(size(total));
                if (inline > 0) {
                    sb.append(", of which inline images ").append(size(inline));
                }
                sb.append(", more than ").append(size(warnTotal)).append(". ");
            }
            return sb.append("The e-mail policy asks you to be selective about sending or forwarding messages with large "
                    + "files (E-post / Lagar och bestämmelser): they fill mailboxes and are copied to every recipient. "
                    + "Share the file as a link from OneDrive or Teams instead.").toString();
        }
        if (largeFiles > 0) {
            sb.append(largeFiles == 1 ? "1 bilaga är" : largeFiles + " bilagor är").append(" större än ")
                    .append(size(warnBytes)).append(" (den största ").append(size(largest)).append("). ");
        }
        if (totalTooLarge) {
            sb.append("Bilagorna är tillsammans ").append(size(total));
            if (inline > 0) {
                sb.append(", varav inbäddade bilder ").append(size(inline));
            }
            sb.append(", mer än ").append(size(warnTotal)).append(". ");
        }
        return sb.append("Enligt riktlinjerna ska du vara selektiv med att skicka eller vidarebefordra meddelanden med "
                + "stora filer (E-post / Lagar och bestämmelser): de fyller brevlådor och kopieras till varje mottagare. "
                + "Dela filen som en länk från OneDrive eller Teams i stället.").toString();
    }

    static String largeAudience(boolean en, long count, int limit) {
        if (en) {
            return "The message goes to " + count + " recipients, more than " + limit + ". The e-mail policy asks you to "
                    + "be selective with large group addresses and mass mailings (E-post / Lagar och bestämmelser). Check "
                    + "that everyone needs it; for a reply, consider Reply instead of Reply all, or use Bcc or a Teams channel.";
        }
        return "Meddelandet går till " + count + " mottagare, fler än " + limit + ". Enligt riktlinjerna ska du vara "
                + "selektiv med stora gruppadresser och massutskick (E-post / Lagar och bestämmelser). Kontrollera att alla "
                + "behöver det; vid svar, överväg Svara i stället för Svara alla, eller använd Hemlig kopia eller en Teams-kanal.";
    }

    static String groupAddress(boolean en, int groups) {
        if (en) {
            return (groups == 1 ? "A group address" : groups + " group addresses") + " among the recipients: Postvakt cannot "
                    + "tell how many people it reaches. The e-mail policy asks you to be selective with large group "
                    + "addresses (E-post / Lagar och bestämmelser); make sure the group is the right audience.";
        }
        return (groups == 1 ? "En gruppadress" : groups + " gruppadresser") + " bland mottagarna: Postvakt vet inte hur "
                + "många den når. Enligt riktlinjerna ska du vara selektiv med stora gruppadresser (E-post / Lagar och "
                + "bestämmelser); kontrollera att gruppen är rätt mottagare.";
    }

    static String externalRecipients(boolean en, int count) {
        if (en) {
            return count(count, "recipient is", "recipients are") + " outside the organisation. The message leaves the "
                    + "municipality's network, and what it contains may become an official document there too "
                    + "(E-post / Lagar och bestämmelser). Check the addresses and leave out personal data and confidential details.";
        }
        return (count == 1 ? "1 mottagare finns" : count + " mottagare finns") + " utanför organisationen. Meddelandet "
                + "lämnar kommunens nät (E-post / Lagar och bestämmelser). Kontrollera adresserna och skicka inte "
                + "personuppgifter eller sekretessuppgifter.";
    }

    static String confidential(boolean en, List<String> words) {
        if (en) {
            return "The message contains words that mark confidential information (" + quoted(words) + "). The e-mail "
                    + "policy says e-mail must not be used to send information covered by secrecy (E-post / Lagar och "
                    + "bestämmelser). Send it another way, such as the case management system, secure e-mail or by post.";
        }
        return "Meddelandet innehåller ord som tyder på sekretess (" + quoted(words) + "). Enligt riktlinjerna får e-post "
                + "inte användas för att skicka sekretessbelagd information (E-post / Lagar och bestämmelser). Skicka "
                + "uppgifterna på annat sätt, till exempel via verksamhetssystemet, säker e-post eller brev.";
    }

    static String chainLetter(boolean en, List<String> words) {
        if (en) {
            return "The message reads like a chain letter (" + quoted(words) + "). The e-mail policy says e-mail must not "
                    + "be used for chain letters or other irrelevant material (E-post / Lagar och bestämmelser). Do not "
                    + "send it on; if it looks like a scam, report it to the IT department.";
        }
        return "Meddelandet liknar ett kedjebrev (" + quoted(words) + "). Enligt riktlinjerna får e-post inte användas för "
                + "kedjebrev eller annat ovidkommande material (E-post / Lagar och bestämmelser). Skicka inte vidare; "
                + "ser det ut som bedrägeri, kontakta IT-avdelningen.";
    }

    static String publicRecord(boolean en, List<String> words) {
        if (en) {
            return "The message to a recipient outside the organisation looks like an official document or decision ("
                    + quoted(words) + "). E-mail follows the same rules as paper: official documents are registered or "
                    + "sent to the registrar (E-post / Lagar och bestämmelser). Remember to register it, or copy the registrar.";
        }
        return "Meddelandet till en extern mottagare ser ut som en allmän handling eller ett beslut (" + quoted(words)
                + "). För e-post gäller samma regler som för pappershandlingar: allmänna handlingar ska registreras eller "
                + "skickas till registrator för diarieföring (E-post / Lagar och bestämmelser). Kom ihåg att diarieföra, "
                + "eller skicka en kopia till registrator.";
    }

    private static String quoted(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size() && i < 5; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(words.get(i)).append('"');
        }
        return sb.toString();
    }

    private static String count(long n, String one, String many) {
        return n == 1 ? "1 " + one : n + " " + many;
    }

    /** A size in MB with one decimal, as people read it. */
    static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
