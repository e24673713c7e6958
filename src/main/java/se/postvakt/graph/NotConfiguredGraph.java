package se.postvakt.graph;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway of a server without a Graph credential: every call says clearly that Graph is off. */
public final class NotConfiguredGraph implements GraphGateway {
    static final String MESSAGE = "Microsoft Graph is not configured on this server (set ENTRA_CLIENT_SECRET or "
            + "ENTRA_CLIENT_CERTIFICATE_PATH)";

    private static GraphException off() {
        return new GraphException(GraphException.Kind.NOT_CONFIGURED, MESSAGE);
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public GraphGateway onBehalfOf(String userAccessToken) {
        return this;
    }

    @Override
    public GraphUser user(String idOrUpn) {
        throw off();
    }

    @Override
    public Optional<GraphUser> manager(String idOrUpn) {
        throw off();
    }

    @Override
    public List<GraphUser> directReports(String managerIdOrUpn) {
        throw off();
    }

    @Override
    public Page<GraphUser> listUsers(String pageToken) {
        throw off();
    }

    @Override
    public AutoReplies autoReplies(String user) {
        throw off();
    }

    @Override
    public void setAutoReplies(String user, AutoReplies settings) {
        throw off();
    }

    @Override
    public Map<String, Outcome<AutoReplies>> autoRepliesOf(Collection<String> users) {
        throw off();
    }

    @Override
    public List<InboxRule> inboxRules(String user) {
        throw off();
    }

    @Override
    public Map<String, Outcome<List<InboxRule>>> inboxRulesOf(Collection<String> users) {
        throw off();
    }

    @Override
    public InboxRule createInboxRule(String user, InboxRule rule) {
        throw off();
    }

    @Override
    public void deleteInboxRule(String user, String ruleId) {
        throw off();
    }

    @Override
    public List<CalendarPermission> calendarPermissions(String user) {
        throw off();
    }

    @Override
    public CalendarPermission addCalendarDelegate(String user, String delegateAddress, String delegateName) {
        throw off();
    }

    @Override
    public void removeCalendarPermission(String user, String permissionId) {
        throw off();
    }

    @Override
    public List<CalendarEvent> outOfOfficeEvents(String user, Instant from, Instant to) {
        throw off();
    }

    @Override
    public Map<String, MailTip> mailTips(String senderUser, Collection<String> addresses) {
        throw off();
    }

    @Override
    public void sendMail(String fromUser, OutgoingMail mail) {
        throw off();
    }
}
