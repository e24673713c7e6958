package se.postvakt.graph;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.AutomaticRepliesSetting;
import com.microsoft.graph.models.AutomaticRepliesStatus;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.CalendarRoleType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.ExternalAudienceScope;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.MailTips;
import com.microsoft.graph.models.MailTipsType;
import com.microsoft.graph.models.MailboxSettings;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageRule;
import com.microsoft.graph.models.MessageRuleActions;
import com.microsoft.graph.models.MessageRuleCollectionResponse;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.models.RecipientScopeType;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.getmailtips.GetMailTipsPostRequestBody;
import com.microsoft.graph.users.item.getmailtips.GetMailTipsPostResponse;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.config.AppConfig;
import se.postvakt.graph.GraphErrors.Op;

/**
 * {@link GraphGateway} on the Microsoft Graph SDK v6 and msal4j. One OkHttp client is shared by the app-only gateway
 * and every on-behalf-of gateway made from it, so the per-mailbox limit holds across both. Nothing is cached here
 * (see {@link CachingGraphGateway}); every call has a timeout, polite retries ({@link PoliteRetry}) and a typed error.
 */
public final class SdkGraphGateway implements GraphGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SdkGraphGateway.class);
    private static final String[] USER_FIELDS = {"id", "displayName", "mail", "userPrincipalName", "jobTitle",
            "department"};
    /** Only times and free/busy state: an absence check never needs (and never sees) a subject. */
    private static final String[] EVENT_FIELDS = {"start", "end", "isAllDay", "showAs"};
    private static final String STAFF_FILTER = "accountEnabled eq true and userType eq 'Member'";
    private static final String DELEGATE_ROLE = "delegateWithoutPrivateEventAccess";
    private static final DateTimeFormatter GRAPH_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Windows zone names Graph may answer with in a Swedish tenant; UTC and IANA names parse directly. */
    private static final Map<String, String> WINDOWS_ZONES = Map.of(
            "W. Europe Standard Time", "Europe/Stockholm",
            "Central Europe Standard Time", "Europe/Budapest",
            "Romance Standard Time", "Europe/Paris",
            "GMT Standard Time", "Europe/London",
            "FLE Standard Time", "Europe/Helsinki",
            "Coordinated Universal Time", "UTC");

    private final GraphSettings settings;
    private final OkHttpClient http;
    private final TokenSource tokens;
    private final MailboxLimiter limiter;
    private final GraphServiceClient client;

    /** The app-only gateway. */
    public SdkGraphGateway(GraphSettings settings, TokenSource tokens) {
        this(settings, new MailboxLimiter(settings.perMailboxConcurrency(), settings.callTimeout()), tokens);
    }

    private SdkGraphGateway(GraphSettings settings, MailboxLimiter limiter, TokenSource tokens) {
        this(settings, httpClient(settings, limiter), limiter, tokens, tokens::appToken);
    }

    private SdkGraphGateway(GraphSettings settings, OkHttpClient http, MailboxLimiter limiter, TokenSource tokens,
                            Supplier<String> token) {
        this.settings = settings;
        this.http = http;
        this.limiter = limiter;
        this.tokens = tokens;
        String host = URI.create(settings.baseUrl()).getHost();
        AllowedHostsValidator hosts = new AllowedHostsValidator(host);
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                // A nextLink or redirect to another host never gets our token.
                return hosts.isUrlHostValid(uri) ? token.get() : "";
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return hosts;
            }
        };
        this.client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(provider), http);
        this.client.getRequestAdapter().setBaseUrl(settings.baseUrl());
    }

    /** The gateway the configuration describes: msal4j tokens from ENTRA_AUTHORITY, Graph at GRAPH_BASE_URL. */
    public static SdkGraphGateway fromConfig(AppConfig config, GraphSettings settings) {
        MsalTokens msal = new MsalTokens(config.clientId(),
                MsalTokens.credential(config.clientSecret(), config.clientCertificatePath(),
                        config.clientCertificatePassword()), config.entraAuthority(),
                settings.tokenScope(), settings.requestTimeout(), null);
        return new SdkGraphGateway(settings, TokenSource.of(msal));
    }

    /** The SDK's middleware without its retry handler (ours bounds the waits), plus the per-mailbox limit. */
    static OkHttpClient httpClient(GraphSettings settings, MailboxLimiter limiter) {
        List<Interceptor> chain = new ArrayList<>();
        for (Interceptor i : GraphClientFactory.createDefaultGraphInterceptors(GraphServiceClient.getGraphClientOptions())) {
            if (!(i instanceof RetryHandler)) {
                chain.add(i);
            }
        }
        chain.add(new PoliteRetry(settings));
        chain.add(limiter);
        return GraphClientFactory.create(chain)
                .connectTimeout(settings.requestTimeout())
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(settings.callTimeout())
                .build();
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public GraphGateway onBehalfOf(String userAccessToken) {
        if (userAccessToken == null || userAccessToken.isBlank()) {
            throw new IllegalArgumentException("on-behalf-of needs the user's access token");
        }
        return new SdkGraphGateway(settings, http, limiter, tokens, () -> tokens.onBehalfOfToken(userAccessToken));
    }

    private <T> T call(Op op, String mailbox, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            GraphException ge = GraphErrors.map(e, op, mailbox);
            LOG.debug("Graph {} failed: {} {}", op, ge.kind(), ge.getMessage());
            throw ge;
        }
    }

    private void run(Op op, String mailbox, Runnable body) {
        call(op, mailbox, () -> {
            body.run();
            return null;
        });
    }

    // Users

    @Override
    public GraphUser user(String idOrUpn) {
        return call(Op.USERS, idOrUpn, () -> toUser(client.users().byUserId(idOrUpn)
                .get(c -> c.queryParameters.select = USER_FIELDS)));
    }

    @Override
    public Optional<GraphUser> manager(String idOrUpn) {
        try {
            DirectoryObject o = call(Op.USERS, idOrUpn, () -> client.users().byUserId(idOrUpn).manager()
                    .get(c -> c.queryParameters.select = USER_FIELDS));
            return o instanceof User u ? Optional.of(toUser(u)) : Optional.empty();
        } catch (GraphException e) {
            // Graph answers 404 both for "no manager" and an unknown user; the user look-up tells them apart.
            if (e.kind() == GraphException.Kind.NOT_FOUND) {
                user(idOrUpn);
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<GraphUser> directReports(String managerIdOrUpn) {
        return call(Op.USERS, managerIdOrUpn, () -> {
            List<GraphUser> out = new ArrayList<>();
            var builder = client.users().byUserId(managerIdOrUpn).directReports().graphUser();
            UserCollectionResponse page = builder.get(c -> c.queryParameters.select = USER_FIELDS);
            while (page != null) {
                page.getValue().forEach(u -> out.add(toUser(u)));
                String next = page.getOdataNextLink();
                page = next == null ? null : builder.withUrl(checkedLink(next)).get();
            }
            return out;
        });
    }

    @Override
    public Page<GraphUser> listUsers(String pageToken) {
        return call(Op.USERS, null, () -> {
            UserCollectionResponse page = pageToken == null
                    ? client.users().get(c -> {
                        c.queryParameters.select = USER_FIELDS;
                        // Guests and disabled accounts are not staff: a guest's own mail must not look like impersonation.
                        c.queryParameters.filter = STAFF_FILTER;
                        c.queryParameters.top = 999;
                    })
                    : client.users().withUrl(checkedLink(pageToken)).get();
            List<GraphUser> users = page.getValue() == null ? List.of()
                    : page.getValue().stream().map(SdkGraphGateway::toUser).toList();
            return new Page<>(users, page.getOdataNextLink());
        });
    }

    /** Page tokens are Graph's own nextLinks; anything else (a forged URL) is refused before a request is made. */
    private String checkedLink(String link) {
        if (!link.startsWith(settings.baseUrl() + "/")) {
            throw new GraphException(GraphException.Kind.REJECTED, "page token is not a link into " + settings.baseUrl());
        }
        return link;
    }

    static GraphUser toUser(User u) {
        return new GraphUser(u.getId(), u.getDisplayName(), u.getMail(), u.getUserPrincipalName(), u.getJobTitle(),
                u.getDepartment());
    }

    // Automatic replies

    @Override
    public AutoReplies autoReplies(String user) {
        return call(Op.AUTO_REPLIES, user, () -> toAutoReplies(client.users().byUserId(user).mailboxSettings()
                .get(c -> c.queryParameters.select = new String[]{"automaticRepliesSetting"})));
    }

    @Override
    public void setAutoReplies(String user, AutoReplies a) {
        AutomaticRepliesSetting s = new AutomaticRepliesSetting();
        s.setStatus(switch (a.status()) {
            case DISABLED -> AutomaticRepliesStatus.Disabled;
            case ALWAYS_ENABLED -> AutomaticRepliesStatus.AlwaysEnabled;
            case SCHEDULED -> AutomaticRepliesStatus.Scheduled;
        });
        if (a.status() == AutoReplies.Status.SCHEDULED) {
            if (a.start() == null || a.end() == null) {
                throw new IllegalArgumentException("scheduled automatic replies need start and end");
            }
            s.setScheduledStartDateTime(utc(a.start()));
            s.setScheduledEndDateTime(utc(a.end()));
        }
        s.setInternalReplyMessage(a.internalMessage() == null ? "" : a.internalMessage());
        s.setExternalReplyMessage(a.externalMessage() == null ? "" : a.externalMessage());
        s.setExternalAudience(switch (a.externalAudience() == null ? AutoReplies.ExternalAudience.ALL
                : a.externalAudience()) {
            case NONE -> ExternalAudienceScope.None;
            case CONTACTS_ONLY -> ExternalAudienceScope.ContactsOnly;
            case ALL -> ExternalAudienceScope.All;
        });
        MailboxSettings body = new MailboxSettings();
        body.setAutomaticRepliesSetting(s);
        run(Op.AUTO_REPLIES, user, () -> client.users().byUserId(user).mailboxSettings().patch(body));
    }

    @Override
    public Map<String, Outcome<AutoReplies>> autoRepliesOf(Collection<String> users) {
        return batchRead(users, Op.AUTO_REPLIES,
                u -> client.users().byUserId(u).mailboxSettings()
                        .toGetRequestInformation(c -> c.queryParameters.select = new String[]{"automaticRepliesSetting"}),
                (r, id) -> toAutoReplies(r.getResponseById(id, MailboxSettings::createFromDiscriminatorValue)));
    }

    static AutoReplies toAutoReplies(MailboxSettings m) {
        AutomaticRepliesSetting s = m == null ? null : m.getAutomaticRepliesSetting();
        if (s == null) {
            return AutoReplies.disabled();
        }
        AutoReplies.Status status = s.getStatus() == null ? AutoReplies.Status.DISABLED : switch (s.getStatus()) {
            case Disabled -> AutoReplies.Status.DISABLED;
            case AlwaysEnabled -> AutoReplies.Status.ALWAYS_ENABLED;
            case Scheduled -> AutoReplies.Status.SCHEDULED;
        };
        AutoReplies.ExternalAudience audience = s.getExternalAudience() == null ? AutoReplies.ExternalAudience.ALL
                : switch (s.getExternalAudience()) {
                    case None -> AutoReplies.ExternalAudience.NONE;
                    case ContactsOnly -> AutoReplies.ExternalAudience.CONTACTS_ONLY;
                    case All -> AutoReplies.ExternalAudience.ALL;
                };
        return new AutoReplies(status, instant(s.getScheduledStartDateTime()), instant(s.getScheduledEndDateTime()),
                nullToEmpty(s.getInternalReplyMessage()), nullToEmpty(s.getExternalReplyMessage()), audience);
    }

    static DateTimeTimeZone utc(Instant at) {
        DateTimeTimeZone d = new DateTimeTimeZone();
        d.setDateTime(GRAPH_LOCAL.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)));
        d.setTimeZone("UTC");
        return d;
    }

    /** Graph's local date-time plus zone name; an unknown zone name is read as UTC rather than failing the call. */
    static Instant instant(DateTimeTimeZone d) {
        if (d == null || d.getDateTime() == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.parse(d.getDateTime());
        String zone = d.getTimeZone() == null ? "UTC" : d.getTimeZone();
        ZoneId id;
        try {
            id = ZoneId.of(WINDOWS_ZONES.getOrDefault(zone, zone));
        } catch (RuntimeException e) {
            id = ZoneOffset.UTC;
        }
        return local.atZone(id).toInstant();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // Inbox rules

    @Override
    public List<InboxRule> inboxRules(String user) {
        return call(Op.INBOX_RULES, user, () -> toRules(rules(user).get()));
    }

    @Override
    public Map<String, Outcome<List<InboxRule>>> inboxRulesOf(Collection<String> users) {
        return batchRead(users, Op.INBOX_RULES, u -> rules(u).toGetRequestInformation(),
                (r, id) -> toRules(r.getResponseById(id, MessageRuleCollectionResponse::createFromDiscriminatorValue)));
    }

    @Override
    public InboxRule createInboxRule(String user, InboxRule rule) {
        MessageRule m = new MessageRule();
        String name = rule.displayName() == null ? "" : rule.displayName();
        m.setDisplayName(name.contains(InboxRule.MARKER) ? name : (InboxRule.MARKER + " " + name).trim());
        m.setSequence(Math.max(1, rule.sequence()));
        m.setIsEnabled(rule.enabled());
        MessageRuleActions actions = new MessageRuleActions();
        if (!rule.forwardTo().isEmpty()) {
            actions.setForwardTo(recipients(rule.forwardTo()));
        }
        if (!rule.redirectTo().isEmpty()) {
            actions.setRedirectTo(recipients(rule.redirectTo()));
        }
        m.setActions(actions);
        return call(Op.INBOX_RULES, user, () -> toRule(rules(user).post(m)));
    }

    @Override
    public void deleteInboxRule(String user, String ruleId) {
        run(Op.INBOX_RULES, user, () -> rules(user).byMessageRuleId(ruleId).delete());
    }

    private com.microsoft.graph.users.item.mailfolders.item.messagerules.MessageRulesRequestBuilder rules(String user) {
        return client.users().byUserId(user).mailFolders().byMailFolderId("inbox").messageRules();
    }

    private static List<InboxRule> toRules(MessageRuleCollectionResponse r) {
        return r == null || r.getValue() == null ? List.of() : r.getValue().stream().map(SdkGraphGateway::toRule).toList();
    }

    static InboxRule toRule(MessageRule m) {
        MessageRuleActions a = m.getActions();
        return new InboxRule(m.getId(), m.getDisplayName(), m.getSequence() == null ? 0 : m.getSequence(),
                Boolean.TRUE.equals(m.getIsEnabled()), a == null ? List.of() : addresses(a.getForwardTo()),
                a == null ? List.of() : addresses(a.getRedirectTo()));
    }

    private static List<Recipient> recipients(List<String> addresses) {
        return addresses.stream().map(addr -> {
            EmailAddress e = new EmailAddress();
            e.setAddress(addr);
            Recipient r = new Recipient();
            r.setEmailAddress(e);
            return r;
        }).toList();
    }

    private static List<String> addresses(List<Recipient> rs) {
        return rs == null ? List.of() : rs.stream().filter(r -> r.getEmailAddress() != null)
                .map(r -> r.getEmailAddress().getAddress()).toList();
    }

    // Calendar

    @Override
    public List<CalendarPermission> calendarPermissions(String user) {
        return call(Op.CALENDAR, user, () -> {
            var r = client.users().byUserId(user).calendar().calendarPermissions().get();
            return r == null || r.getValue() == null ? List.<CalendarPermission>of()
                    : r.getValue().stream().map(SdkGraphGateway::toPermission).toList();
        });
    }

    @Override
    public CalendarPermission addCalendarDelegate(String user, String delegateAddress, String delegateName) {
        com.microsoft.graph.models.CalendarPermission p = new com.microsoft.graph.models.CalendarPermission();
        EmailAddress e = new EmailAddress();
        e.setAddress(delegateAddress);
        e.setName(delegateName);
        p.setEmailAddress(e);
        p.setRole(CalendarRoleType.forValue(DELEGATE_ROLE));
        p.setIsInsideOrganization(true);
        p.setIsRemovable(true);
        return call(Op.CALENDAR, user, () -> toPermission(client.users().byUserId(user).calendar()
                .calendarPermissions().post(p)));
    }

    @Override
    public void removeCalendarPermission(String user, String permissionId) {
        run(Op.CALENDAR, user, () -> client.users().byUserId(user).calendar().calendarPermissions()
                .byCalendarPermissionId(permissionId).delete());
    }

    static CalendarPermission toPermission(com.microsoft.graph.models.CalendarPermission p) {
        EmailAddress e = p.getEmailAddress();
        return new CalendarPermission(p.getId(), e == null ? null : e.getAddress(), e == null ? null : e.getName(),
                p.getRole() == null ? null : p.getRole().getValue());
    }

    @Override
    public List<CalendarEvent> outOfOfficeEvents(String user, Instant from, Instant to) {
        return call(Op.CALENDAR, user, () -> {
            var view = client.users().byUserId(user).calendar().calendarView();
            List<CalendarEvent> out = new ArrayList<>();
            EventCollectionResponse page = view.get(c -> {
                c.queryParameters.startDateTime = from.toString();
                c.queryParameters.endDateTime = to.toString();
                c.queryParameters.select = EVENT_FIELDS;
                c.queryParameters.top = 200;
                c.headers.add("Prefer", "outlook.timezone=\"UTC\"");
            });
            while (page != null) {
                for (Event e : page.getValue() == null ? List.<Event>of() : page.getValue()) {
                    String showAs = e.getShowAs() == null ? null : e.getShowAs().getValue();
                    if ("oof".equals(showAs)) {
                        out.add(new CalendarEvent(e.getId(), instant(e.getStart()), instant(e.getEnd()),
                                Boolean.TRUE.equals(e.getIsAllDay()), showAs));
                    }
                }
                String next = page.getOdataNextLink();
                page = next == null ? null : view.withUrl(checkedLink(next))
                        .get(c -> c.headers.add("Prefer", "outlook.timezone=\"UTC\""));
            }
            return out;
        });
    }

    // Mail tips and mail

    @Override
    public Map<String, MailTip> mailTips(String senderUser, Collection<String> addresses) {
        List<String> unique = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        Map<String, MailTip> out = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i += settings.batchSize()) {
            GetMailTipsPostRequestBody body = new GetMailTipsPostRequestBody();
            body.setEmailAddresses(unique.subList(i, Math.min(unique.size(), i + settings.batchSize())));
            body.setMailTipsOptions(EnumSet.of(MailTipsType.TotalMemberCount, MailTipsType.ExternalMemberCount,
                    MailTipsType.RecipientScope));
            GetMailTipsPostResponse r = call(Op.MAIL_TIPS, senderUser,
                    () -> client.users().byUserId(senderUser).getMailTips().post(body));
            for (MailTips t : r == null || r.getValue() == null ? List.<MailTips>of() : r.getValue()) {
                if (t.getEmailAddress() == null || t.getEmailAddress().getAddress() == null) {
                    continue;
                }
                String address = t.getEmailAddress().getAddress().toLowerCase(Locale.ROOT);
                out.put(address, new MailTip(address, t.getTotalMemberCount(), t.getExternalMemberCount(),
                        scope(t.getRecipientScope())));
            }
        }
        return out;
    }

    private static String scope(EnumSet<RecipientScopeType> s) {
        return s == null || s.isEmpty() ? null
                : s.stream().map(RecipientScopeType::getValue).collect(Collectors.joining(","));
    }

    @Override
    public void sendMail(String fromUser, OutgoingMail mail) {
        Message m = new Message();
        m.setSubject(mail.subject());
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(mail.bodyText());
        m.setBody(body);
        m.setToRecipients(recipients(mail.to()));
        SendMailPostRequestBody request = new SendMailPostRequestBody();
        request.setMessage(m);
        // No copy in Sent Items: Postvakt keeps no message content anywhere.
        request.setSaveToSentItems(false);
        run(Op.SEND_MAIL, fromUser, () -> client.users().byUserId(fromUser).sendMail().post(request));
    }

    // $batch

    private interface PartReader<T> {
        T read(BatchResponseContent response, String id);
    }

    /**
     * Reads one resource per user in {@code $batch}es of {@link GraphSettings#batchSize()}. A part's own 404/403 fails
     * only its user; throttled parts are sent again in a smaller batch after Graph's Retry-After.
     */
    private <T> Map<String, Outcome<T>> batchRead(Collection<String> users, Op op,
                                                  Function<String, RequestInformation> request, PartReader<T> reader) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(users));
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i += settings.batchSize()) {
            List<String> pending = unique.subList(i, Math.min(unique.size(), i + settings.batchSize()));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                pending = batchOnce(pending, op, request, reader, out, attempt >= settings.maxRetries(), attempt);
            }
        }
        return out;
    }

    private <T> List<String> batchOnce(List<String> users, Op op, Function<String, RequestInformation> request,
                                       PartReader<T> reader, Map<String, Outcome<T>> out, boolean last, int attempt) {
        Map<String, String> userById = new LinkedHashMap<>();
        BatchResponseContent response;
        try {
            BatchRequestContent content = new BatchRequestContent(client);
            for (String u : users) {
                userById.put(content.addBatchRequestStep(request.apply(u)), u);
            }
            response = limiter.holding(users, () -> client.getBatchRequestBuilder().post(content, null));
        } catch (Exception e) {
            GraphException ge = GraphErrors.map(e, op, null);
            users.forEach(u -> out.put(u, Outcome.failed(ge)));
            return List.of();
        }
        Map<String, Integer> codes = response.getResponsesStatusCode();
        List<String> throttled = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (Map.Entry<String, String> step : userById.entrySet()) {
            String id = step.getKey();
            String user = step.getValue();
            int code = codes.getOrDefault(id, 0);
            if (code >= 200 && code < 300) {
                try {
                    out.put(user, Outcome.ok(reader.read(response, id)));
                } catch (RuntimeException e) {
                    out.put(user, Outcome.failed(GraphErrors.map(e, op, user)));
                }
                continue;
            }
            Duration retryAfter = partRetryAfter(response, id);
            boolean retry = (code == 429 || code == 503) && !last
                    && (retryAfter == null || retryAfter.compareTo(settings.maxRetryAfter()) <= 0);
            if (retry) {
                throttled.add(user);
                Duration w = retryAfter != null ? retryAfter : PoliteRetry.backoff(settings, attempt);
                wait = w.compareTo(wait) > 0 ? w : wait;
            } else {
                out.put(user, Outcome.failed(code == 0
                        ? new GraphException(GraphException.Kind.UNAVAILABLE, "Graph left the batch part for " + user
                                + " unanswered")
                        : GraphErrors.forStatus(code, retryAfter, null, op, user, null)));
            }
        }
        if (!throttled.isEmpty()) {
            LOG.debug("$batch: {} parts throttled, retrying after {} ms", throttled.size(), wait.toMillis());
            sleep(wait);
        }
        return throttled;
    }

    private static Duration partRetryAfter(BatchResponseContent response, String id) {
        try (okhttp3.Response part = response.getResponseById(id)) {
            return part == null ? null : PoliteRetry.retryAfter(part.header("Retry-After"));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis() + ThreadLocalRandom.current().nextLong(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "interrupted while waiting to retry a batch");
        }
    }
}
