package se.postvakt.sender;

/**
 * Sends a stored report on to IT's security mailbox ({@code security.reportMailbox}). The Graph-backed one sends
 * mail; without Graph there is {@link #none(String)}, and the API says the report was stored but not mailed.
 */
public interface ReportNotifier {
    /** Null when reports can be mailed; otherwise a short reason why not, shown to the reporter. */
    String unavailableReason();

    /** Mails the report; throws on failure (the report stays stored). */
    void send(String mailbox, SenderReport report);

    /** A notifier that never mails, with the reason it gives. */
    static ReportNotifier none(String reason) {
        return new ReportNotifier() {
            @Override
            public String unavailableReason() {
                return reason;
            }

            @Override
            public void send(String mailbox, SenderReport report) {
                throw new IllegalStateException(reason);
            }
        };
    }
}
