package se.postvakt.graph;

import java.util.List;

/** A plain-text mail Postvakt sends, for example a report to IT. */
public record OutgoingMail(List<String> to, String subject, String bodyText) {
    public OutgoingMail {
        to = List.copyOf(to);
    }
}
