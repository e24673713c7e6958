package se.postvakt.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reuses user and manager look-ups for a few minutes; every other call, and every write, goes straight through.
 * On-behalf-of gateways are not cached: what a user may see is theirs alone.
 */
public final class CachingGraphGateway implements GraphGateway {
    private final GraphGateway delegate;
    private final Cache<String, GraphUser> users;
    private final Cache<String, Optional<GraphUser>> managers;

    public CachingGraphGateway(GraphGateway delegate, Duration ttl) {
        this.delegate = delegate;
        this.users = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(20_000).build();
        this.managers = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(20_000).build();
    }

    private static String key(String idOrUpn) {
        return idOrUpn.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean configured() {
        return delegate.configured();
    }

    @Override
    public GraphGateway onBehalfOf(String userAccessToken) {
        return delegate.onBehalfOf(userAccessToken);
    }

    @Override
    public GraphUser user(String idOrUpn) {
        return users.get(key(idOrUpn), k -> delegate.user(idOrUpn));
    }

    @Override
    public Optional<GraphUser> manager(String idOrUpn) {
        return managers.get(key(idOrUpn), k -> delegate.manager(idOrUpn));
    }

    @Override
    public List<GraphUser> directReports(String managerIdOrUpn) {
        return delegate.directReports(managerIdOrUpn);
    }

    @Override
    public Page<GraphUser> listUsers(String pageToken) {
        return delegate.listUsers(pageToken);
    }

    @Override
    public AutoReplies autoReplies(String user) {
        return delegate.autoReplies(user);
    }

    @Override
    public void setAutoReplies(String user, AutoReplies settings) {
        delegate.setAutoReplies(user, settings);
    }

    @Override
    public Map<String, Outcome<AutoReplies>> autoRepliesOf(Collection<String> users) {
        return delegate.autoRepliesOf(users);
    }

    @Override
    public List<InboxRule> inboxRules(String user) {
        return delegate.inboxRules(user);
    }

    @Override
    public Map<String, Outcome<List<InboxRule>>> inboxRulesOf(Collection<String> users) {
        return delegate.inboxRulesOf(users);
    }

    @Override
    public InboxRule createInboxRule(String user, InboxRule rule) {
        return delegate.createInboxRule(user, rule);
    }

    @Override
    public void deleteInboxRule(String user, String ruleId) {
        delegate.deleteInboxRule(user, ruleId);
    }

    @Override
    public List<CalendarPermission> calendarPermissions(String user) {
        return delegate.calendarPermissions(user);
    }

    @Override
    public CalendarPermission addCalendarDelegate(String user, String delegateAddress, String delegateName) {
        return delegate.addCalendarDelegate(user, delegateAddress, delegateName);
    }

    @Override
    public void removeCalendarPermission(String user, String permissionId) {
        delegate.removeCalendarPermission(user, permissionId);
    }

    @Override
    public List<CalendarEvent> outOfOfficeEvents(String user, Instant from, Instant to) {
        return delegate.outOfOfficeEvents(user, from, to);
    }

    @Override
    public Map<String, MailTip> mailTips(String senderUser, Collection<String> addresses) {
        return delegate.mailTips(senderUser, addresses);
    }

    @Override
    public void sendMail(String fromUser, OutgoingMail mail) {
        delegate.sendMail(fromUser, mail);
    }
}
