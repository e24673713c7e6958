package se.postvakt.sender;

import java.util.List;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.OutgoingMail;

/** Mails reports through Microsoft Graph, sent as the reporting staff member to the security mailbox. */
public final class GraphReportNotifier implements ReportNotifier {
    private final GraphGateway graph;

    public GraphReportNotifier(GraphGateway graph) {
        this.graph = graph;
    }

    @Override
    public String unavailableReason() {
        return graph.configured() ? null : "Microsoft Graph is not configured";
    }

    @Override
    public void send(String mailbox, SenderReport report) {
        graph.sendMail(report.reportedBy(), new OutgoingMail(List.of(mailbox), report.mailSubject(), report.mailBody()));
    }
}
