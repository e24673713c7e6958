package se.postvakt.sender;

import java.time.Instant;
import java.util.List;

/**
 * A staff member's report of a suspicious sender to IT: who reported, when, the sender and the reasons. The
 * message body and subject are never part of it.
 */
public record SenderReport(long id, Instant reportedAt, String reportedBy, String internetMessageId,
                           String fromAddress, String fromName, List<String> reasons, String comment,
                           boolean mailed, String mailNote) {
    public SenderReport {
        reasons = List.copyOf(reasons);
    }

    /** The same report after an attempt to mail it. */
    public SenderReport withMail(boolean mailed, String note) {
        return new SenderReport(id, reportedAt, reportedBy, internetMessageId, fromAddress, fromName, reasons, comment,
                mailed, note);
    }

    /** The plain-text mail to IT's security mailbox. */
    public String mailSubject() {
        return "Postvakt: misstänkt avsändare rapporterad (" + Fold.shown(fromAddress, 120) + ")";
    }

    public String mailBody() {
        return "En medarbetare har rapporterat en misstänkt avsändare via Postvakt.\n\n"
                + "Rapporterad av: " + reportedBy + "\n"
                + "Tidpunkt (UTC): " + reportedAt + "\n"
                + "Avsändare: " + (fromName == null || fromName.isEmpty() ? "" : Fold.shown(fromName, 120) + " ")
                + "<" + Fold.shown(fromAddress, 320) + ">\n"
                + "Internet Message-ID: " + (internetMessageId == null ? "(saknas)" : Fold.shown(internetMessageId, 998)) + "\n"
                + "Skäl: " + (reasons.isEmpty() ? "(inga angivna)" : String.join(", ", reasons)) + "\n"
                + "Kommentar: " + (comment == null || comment.isEmpty() ? "(ingen)" : comment) + "\n\n"
                + "Meddelandets innehåll skickas inte med. Sök upp det i Microsoft 365 med Message-ID ovan.\n";
    }
}
