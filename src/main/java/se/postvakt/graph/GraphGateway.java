package se.postvakt.graph;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one door to Microsoft Graph, in Postvakt's own words: no SDK type crosses it. Users are named by object id or
 * UPN. Every method throws {@link GraphException} with a typed {@link GraphException.Kind}; when Graph is not
 * configured every call throws {@link GraphException.Kind#NOT_CONFIGURED}.
 */
public interface GraphGateway {
    /** False when the server has no Graph credential; callers say so instead of calling. */
    boolean configured();

    /** A gateway whose calls run as the signed-in user, through an on-behalf-of exchange of their token for our API. */
    GraphGateway onBehalfOf(String userAccessToken);

    // Users
    GraphUser user(String idOrUpn);

    Optional<GraphUser> manager(String idOrUpn);

    List<GraphUser> directReports(String managerIdOrUpn);

    /** One page of the staff directory; pass null for the first page. */
    Page<GraphUser> listUsers(String pageToken);

    // Automatic replies
    AutoReplies autoReplies(String user);

    void setAutoReplies(String user, AutoReplies settings);

    /** Bulk read through {@code $batch}; one failed mailbox does not fail the others. Keys are the given users. */
    Map<String, Outcome<AutoReplies>> autoRepliesOf(Collection<String> users);

    // Inbox rules
    List<InboxRule> inboxRules(String user);

    /** Bulk read through {@code $batch}; keys are the given users. */
    Map<String, Outcome<List<InboxRule>>> inboxRulesOf(Collection<String> users);

    InboxRule createInboxRule(String user, InboxRule rule);

    void deleteInboxRule(String user, String ruleId);

    // Calendar delegation
    List<CalendarPermission> calendarPermissions(String user);

    CalendarPermission addCalendarDelegate(String user, String delegateAddress, String delegateName);

    void removeCalendarPermission(String user, String permissionId);

    /** Events shown as out-of-office between the two instants (for absence detection). */
    List<CalendarEvent> outOfOfficeEvents(String user, Instant from, Instant to);

    // Mail tips and mail
    /** Mail tips for the addresses, as seen from {@code senderUser}'s mailbox; keyed by lower-cased address. */
    Map<String, MailTip> mailTips(String senderUser, Collection<String> addresses);

    void sendMail(String fromUser, OutgoingMail mail);
}
