package se.postvakt.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import se.postvakt.graph.GraphSettings;
import se.postvakt.graph.SdkGraphGateway;
import se.postvakt.graph.TokenSource;

/**
 * A small stateful Microsoft Graph on MockWebServer, for tests of anything built on the gateway. It keeps per-mailbox
 * users (with managers), automatic replies, inbox rules, calendar permissions, calendar events and group sizes, and
 * answers the REST calls {@link SdkGraphGateway} makes, {@code $batch} included.
 *
 * <pre>{@code
 * try (FakeGraphServer g = new FakeGraphServer()) {
 *     g.addUser("anna@mjolby.se", "Anna Svensson").addUser("chef@mjolby.se", "Chef").manager("anna@mjolby.se", "chef@mjolby.se");
 *     GraphGateway graph = g.gateway();          // real SDK, fast retries, static bearer token
 *     ...
 *     assertEquals(1, g.writes("anna@mjolby.se"));
 * }
 * }</pre>
 *
 * Faults: {@link #fail} makes a mailbox's next requests answer a status (429 carries {@code Retry-After}),
 * {@link #latency} slows every answer. {@link #maxInFlight} tells the highest number of concurrent requests one
 * mailbox saw. Mailboxes are named by UPN or id, case-insensitively.
 */
public final class FakeGraphServer implements AutoCloseable {
    /** The bearer token {@link #gateway()} sends; OBO gateways send {@code obo:<assertion>}. */
    public static final String APP_TOKEN = "fake-app-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final List<Mailbox> order = new CopyOnWriteArrayList<>();
    private final Map<String, int[]> groupSizes = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> globalFailures = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile int pageSize = 100;

    /** One mailbox's state, as Graph JSON (maps), so assertions can look at exactly what was written. */
    private static final class Mailbox {
        final Map<String, Object> user;
        volatile String managerKey;
        volatile Map<String, Object> autoReplies = new LinkedHashMap<>(Map.of("status", "disabled",
                "externalAudience", "all", "internalReplyMessage", "", "externalReplyMessage", ""));
        final List<Map<String, Object>> rules = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> permissions = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
        final Deque<Integer> failures = new ArrayDeque<>();
        volatile long retryAfterSeconds = 1;
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        Mailbox(Map<String, Object> user) {
            this.user = user;
        }
    }

    public FakeGraphServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                try {
                    return FakeGraphServer.this.dispatch(request);
                } catch (RuntimeException e) {
                    // A bug in the fake shows up as a 500 naming it, not as a client timeout.
                    return respond(Answer.error(500, "FakeGraphServer: " + e));
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:port/v1.0}. */
    public String baseUrl() {
        String url = server.url("/v1.0").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Production settings with waits shrunk to milliseconds. */
    public GraphSettings settings() {
        return GraphSettings.defaults(baseUrl()).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(40))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    /** The real SDK gateway pointed at this server, with a static token (see {@link #APP_TOKEN}). */
    public SdkGraphGateway gateway() {
        return gateway(settings());
    }

    public SdkGraphGateway gateway(GraphSettings settings) {
        return new SdkGraphGateway(settings, new TokenSource() {
            @Override
            public String appToken() {
                return APP_TOKEN;
            }

            @Override
            public String onBehalfOfToken(String userAssertion) {
                return "obo:" + userAssertion;
            }
        });
    }

    // Arranging state

    /** Adds a user with a mailbox; the address is both UPN and mail, the id a fresh GUID. */
    public FakeGraphServer addUser(String upn, String displayName) {
        return addUser(UUID.randomUUID().toString(), upn, displayName);
    }

    public FakeGraphServer addUser(String id, String upn, String displayName) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("displayName", displayName);
        u.put("mail", upn);
        u.put("userPrincipalName", upn);
        u.put("jobTitle", null);
        u.put("department", null);
        Mailbox m = new Mailbox(u);
        mailboxes.put(id.toLowerCase(Locale.ROOT), m);
        mailboxes.put(upn.toLowerCase(Locale.ROOT), m);
        order.add(m);
        return this;
    }

    public FakeGraphServer manager(String user, String manager) {
        box(user).managerKey = manager.toLowerCase(Locale.ROOT);
        return this;
    }

    /** A distribution list (or any group) with its member counts, answered by mail tips. */
    public FakeGraphServer group(String address, int totalMembers, int externalMembers) {
        groupSizes.put(address.toLowerCase(Locale.ROOT), new int[]{totalMembers, externalMembers});
        return this;
    }

    /** A calendar event (times in UTC); {@code showAs} like {@code oof} or {@code busy}. */
    public FakeGraphServer event(String user, Instant start, Instant end, String showAs, String subject) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", UUID.randomUUID().toString());
        e.put("subject", subject);
        e.put("start", dtz(start));
        e.put("end", dtz(end));
        e.put("isAllDay", false);
        e.put("showAs", showAs);
        box(user).events.add(e);
        return this;
    }

    /** Users per page of {@code GET /users}. */
    public FakeGraphServer pageSize(int n) {
        this.pageSize = n;
        return this;
    }

    // Faults

    /** The mailbox's next {@code times} requests answer {@code status}; a 429 says {@code Retry-After: 1}. */
    public FakeGraphServer fail(String user, int status, int times) {
        Mailbox m = box(user);
        synchronized (m.failures) {
            for (int i = 0; i < times; i++) {
                m.failures.add(status);
            }
        }
        return this;
    }

    /** The next {@code times} HTTP requests of any kind (listing, $batch, ...) answer {@code status}. */
    public FakeGraphServer failEverything(int status, int times) {
        synchronized (globalFailures) {
            for (int i = 0; i < times; i++) {
                globalFailures.add(status);
            }
        }
        return this;
    }

    /** Seconds a 429 asks to wait (default 1). */
    public FakeGraphServer retryAfter(String user, long seconds) {
        box(user).retryAfterSeconds = seconds;
        return this;
    }

    /** Every answer waits this long first. */
    public FakeGraphServer latency(Duration d) {
        this.latency = d;
        return this;
    }

    // Observing

    /** PATCH, POST (other than reads) and DELETE requests that changed this mailbox. */
    public int writes(String user) {
        return box(user).writes.get();
    }

    public int maxInFlight(String user) {
        return box(user).maxInFlight.get();
    }

    public Map<String, Object> autoReplies(String user) {
        return box(user).autoReplies;
    }

    public List<Map<String, Object>> inboxRules(String user) {
        return List.copyOf(box(user).rules);
    }

    public List<Map<String, Object>> calendarPermissions(String user) {
        return List.copyOf(box(user).permissions);
    }

    /** Requests to sendMail as the SDK wrote them ({@code Message}, {@code SaveToSentItems}) plus {@code from}. */
    public List<Map<String, Object>> sentMail() {
        return List.copyOf(sent);
    }

    /** Every HTTP request that reached the server, in order ($batch parts are inside their batch). */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }

    // Serving

    private Mailbox box(String user) {
        Mailbox m = mailboxes.get(user.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("no such fake user: " + user);
        }
        return m;
    }

    private record Answer(int status, Map<String, String> headers, Object body) {
        static Answer ok(Object body) {
            return new Answer(200, Map.of(), body);
        }

        static Answer error(int status, String code) {
            Map<String, String> h = new HashMap<>();
            return new Answer(status, h, Map.of("error", Map.of("code", code, "message", code)));
        }
    }

    private MockResponse dispatch(RecordedRequest request) {
        String auth = request.getHeaders().get("authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return respond(Answer.error(401, "InvalidAuthenticationToken"));
        }
        Integer global;
        synchronized (globalFailures) {
            global = globalFailures.poll();
        }
        if (global != null) {
            return respond(Answer.error(global, "InjectedFailure"));
        }
        String path = request.getUrl().encodedPath();
        String rest = path.startsWith("/v1.0") ? path.substring(5) : path;
        String query = request.getUrl().encodedQuery();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if ("/$batch".equals(rest) && "POST".equals(request.getMethod())) {
            // Graph runs a batch's parts side by side: the batch costs one round of latency, not one per part.
            sleep(latency);
            return respond(batch(body));
        }
        return respond(handle(request.getMethod(), rest, query, body, true));
    }

    @SuppressWarnings("unchecked")
    private Answer batch(String body) {
        try {
            Map<String, Object> in = JSON.readValue(body, new TypeReference<>() { });
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> part : (List<Map<String, Object>>) in.get("requests")) {
                String url = (String) part.get("url");
                int q = url.indexOf('?');
                String partBody = part.get("body") == null ? "" : JSON.writeValueAsString(part.get("body"));
                Answer a = handle((String) part.get("method"), q < 0 ? url : url.substring(0, q),
                        q < 0 ? null : url.substring(q + 1), partBody, false);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", part.get("id"));
                r.put("status", a.status());
                Map<String, String> headers = new LinkedHashMap<>(a.headers());
                headers.put("Content-Type", "application/json");
                r.put("headers", headers);
                r.put("body", a.body() == null ? Map.of() : a.body());
                out.add(r);
            }
            return Answer.ok(Map.of("responses", out));
        } catch (IOException e) {
            return Answer.error(400, "BadRequest");
        }
    }

    private Answer handle(String method, String rest, String query, String body, boolean delay) {
        List<String> seg = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        Map<String, String> params = params(query);
        if (seg.size() == 1 && seg.get(0).equals("users") && "GET".equals(method)) {
            return listUsers(params);
        }
        if (seg.size() < 2 || !seg.get(0).equals("users")) {
            return Answer.error(400, "BadRequest");
        }
        Mailbox m = mailboxes.get(seg.get(1).toLowerCase(Locale.ROOT));
        if (m == null) {
            return Answer.error(404, "Request_ResourceNotFound");
        }
        int now = m.inFlight.incrementAndGet();
        m.maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (delay) {
                sleep(latency);
            }
            Integer failure;
            synchronized (m.failures) {
                failure = m.failures.poll();
            }
            if (failure != null) {
                Answer a = Answer.error(failure, failure == 429 ? "ApplicationThrottled"
                        : failure == 403 ? "ErrorAccessDenied" : failure == 404 ? "ErrorItemNotFound" : "ServiceError");
                if (failure == 429) {
                    a.headers().put("Retry-After", Long.toString(m.retryAfterSeconds));
                }
                return a;
            }
            return route(m, method, seg.subList(2, seg.size()), params, body);
        } finally {
            m.inFlight.decrementAndGet();
        }
    }

    private Answer route(Mailbox m, String method, List<String> seg, Map<String, String> params, String body) {
        String p = String.join("/", seg);
        switch (method + " " + p) {
            case "GET ":
                return Answer.ok(m.user);
            case "GET manager": {
                Mailbox boss = m.managerKey == null ? null : mailboxes.get(m.managerKey);
                if (boss == null) {
                    return Answer.error(404, "Request_ResourceNotFound");
                }
                Map<String, Object> u = new LinkedHashMap<>(boss.user);
                u.put("@odata.type", "#microsoft.graph.user");
                return Answer.ok(u);
            }
            case "GET directReports/graph.user", "GET directReports/microsoft.graph.user": {
                List<Map<String, Object>> reports = order.stream()
                        .filter(r -> r.managerKey != null && mailboxes.get(r.managerKey) == m).map(r -> r.user).toList();
                return Answer.ok(Map.of("value", reports));
            }
            case "GET mailboxSettings":
                return Answer.ok(Map.of("automaticRepliesSetting", m.autoReplies));
            case "PATCH mailboxSettings": {
                Map<String, Object> in = read(body);
                @SuppressWarnings("unchecked")
                Map<String, Object> ar = (Map<String, Object>) in.get("automaticRepliesSetting");
                if (ar != null) {
                    Map<String, Object> merged = new LinkedHashMap<>(m.autoReplies);
                    merged.putAll(ar);
                    m.autoReplies = merged;
                }
                m.writes.incrementAndGet();
                return Answer.ok(Map.of("automaticRepliesSetting", m.autoReplies));
            }
            case "GET mailFolders/inbox/messageRules":
                return Answer.ok(Map.of("value", m.rules));
            case "POST mailFolders/inbox/messageRules": {
                Map<String, Object> rule = new LinkedHashMap<>(read(body));
                rule.put("id", "rule-" + UUID.randomUUID());
                m.rules.add(rule);
                m.writes.incrementAndGet();
                return new Answer(201, Map.of(), rule);
            }
            case "GET calendar/calendarPermissions":
                return Answer.ok(Map.of("value", m.permissions));
            case "POST calendar/calendarPermissions": {
                Map<String, Object> perm = new LinkedHashMap<>(read(body));
                perm.put("id", "perm-" + UUID.randomUUID());
                m.permissions.add(perm);
                m.writes.incrementAndGet();
                return new Answer(201, Map.of(), perm);
            }
            case "GET calendar/calendarView":
                return Answer.ok(Map.of("value", calendarView(m, params)));
            case "POST getMailTips":
                return Answer.ok(Map.of("value", mailTips(read(body))));
            case "POST sendMail": {
                Map<String, Object> mail = new LinkedHashMap<>(read(body));
                mail.put("from", m.user.get("userPrincipalName"));
                sent.add(mail);
                m.writes.incrementAndGet();
                return new Answer(202, Map.of(), null);
            }
            default:
                break;
        }
        if ("DELETE".equals(method) && seg.size() == 4 && p.startsWith("mailFolders/inbox/messageRules/")) {
            return delete(m, m.rules, seg.get(3));
        }
        if ("DELETE".equals(method) && seg.size() == 3 && p.startsWith("calendar/calendarPermissions/")) {
            return delete(m, m.permissions, seg.get(2));
        }
        return Answer.error(400, "BadRequest");
    }

    private static Answer delete(Mailbox m, List<Map<String, Object>> items, String id) {
        if (!items.removeIf(i -> id.equals(i.get("id")))) {
            return Answer.error(404, "ErrorItemNotFound");
        }
        m.writes.incrementAndGet();
        return new Answer(204, Map.of(), null);
    }

    private Answer listUsers(Map<String, String> params) {
        int from = Integer.parseInt(params.getOrDefault("$skiptoken", "0"));
        List<Map<String, Object>> page = order.stream().skip(from).limit(pageSize).map(m -> m.user).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", page);
        if (from + pageSize < order.size()) {
            out.put("@odata.nextLink", baseUrl() + "/users?$skiptoken=" + (from + pageSize));
        }
        return Answer.ok(out);
    }

    private List<Map<String, Object>> calendarView(Mailbox m, Map<String, String> params) {
        Instant from = Instant.parse(params.get("startDateTime"));
        Instant to = Instant.parse(params.get("endDateTime"));
        List<String> select = params.containsKey("$select") ? List.of(params.get("$select").split(",")) : null;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : m.events) {
            Instant s = instant(e.get("start"));
            Instant en = instant(e.get("end"));
            if (s.isBefore(to) && en.isAfter(from)) {
                Map<String, Object> shown = new LinkedHashMap<>();
                e.forEach((k, v) -> {
                    if (select == null || select.contains(k) || k.equals("id")) {
                        shown.put(k, v);
                    }
                });
                out.add(shown);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mailTips(Map<String, Object> in) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String address : (List<String>) in.get("EmailAddresses")) {
            Map<String, Object> tip = new LinkedHashMap<>();
            tip.put("emailAddress", Map.of("address", address));
            int[] size = groupSizes.get(address.toLowerCase(Locale.ROOT));
            if (size != null) {
                tip.put("totalMemberCount", size[0]);
                tip.put("externalMemberCount", size[1]);
            }
            tip.put("recipientScope", address.toLowerCase(Locale.ROOT).endsWith("@mjolby.se") || size != null
                    || mailboxes.containsKey(address.toLowerCase(Locale.ROOT)) ? "internal" : "external");
            out.add(tip);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Instant instant(Object dtz) {
        Map<String, Object> d = (Map<String, Object>) dtz;
        return LocalDateTime.parse((String) d.get("dateTime")).toInstant(ZoneOffset.UTC);
    }

    private static Map<String, Object> dtz(Instant at) {
        return Map.of("dateTime", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS")
                .format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)), "timeZone", "UTC");
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String kv : query.split("&")) {
            int i = kv.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
            out.put(k, i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, Object> read(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("fake Graph got invalid JSON", e);
        }
    }

    private static MockResponse respond(Answer a) {
        MockResponse.Builder b = new MockResponse.Builder().code(a.status());
        a.headers().forEach(b::addHeader);
        if (a.body() != null) {
            try {
                b.addHeader("Content-Type", "application/json").body(JSON.writeValueAsString(a.body()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.build();
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
