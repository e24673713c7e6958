package se.postvakt.absence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import se.postvakt.graph.AutoReplies;
import se.postvakt.graph.CalendarEvent;
import se.postvakt.graph.CalendarPermission;
import se.postvakt.graph.GraphException;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.GraphUser;
import se.postvakt.graph.InboxRule;
import se.postvakt.graph.MailTip;
import se.postvakt.graph.Outcome;
import se.postvakt.graph.OutgoingMail;
import se.postvakt.graph.Page;

/**
 * A small in-process Graph that keeps per-mailbox state: users and their managers, automatic replies, inbox rules,
 * calendar permissions and out-of-office events. It counts requests (a bulk read is one request per {@value #BATCH}
 * mailboxes, as {@code $batch} is), can add latency per request, throttle or fail a mailbox, and "crash" after a
 * number of writes by throwing {@link Crash}, an Error that the reconciler does not catch, like a process dying.
 */
public final class InMemoryGraph implements GraphGateway {
    /** Requests per {@code $batch}, as Graph allows. */
    public static final int BATCH = 20;

    /** A simulated process death in the middle of a pass. */
    public static final class Crash extends Error {
        Crash(String message) {
            super(message);
        }
    }

    private final Map<String, GraphUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> managerOf = new ConcurrentHashMap<>();
    private final Map<String, AutoReplies> replies = new ConcurrentHashMap<>();
    private final Map<String, List<InboxRule>> rules = new ConcurrentHashMap<>();
    private final Map<String, List<CalendarPermission>> permissions = new ConcurrentHashMap<>();
    private final Map<String, List<CalendarEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<String, GraphException> failing = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final Map<String, AtomicInteger> writesByAction = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile int crashAfterWrites = -1;
    private volatile boolean crashAfterApplying;
    private volatile CountDownLatch readGate;
    private volatile CountDownLatch readEntered;
    private final boolean configured;

    public InMemoryGraph() {
        this(true);
    }

    public InMemoryGraph(boolean configured) {
        this.configured = configured;
    }

    // Set-up

    public InMemoryGraph user(String address, String displayName) {
        String a = key(address);
        users.put(a, new GraphUser("id-" + a, displayName, a, a, null, null));
        return this;
    }

    public InMemoryGraph manager(String user, String manager) {
        managerOf.put(key(user), key(manager));
        return this;
    }

    public void setReplies(String user, AutoReplies r) {
        replies.put(key(user), r);
    }

    public void addEvent(String user, CalendarEvent e) {
        events.computeIfAbsent(key(user), k -> new ArrayList<>()).add(e);
    }

    public void removeEvents(String user) {
        events.remove(key(user));
    }

    public void addPermission(String user, String address, String role) {
        permissions.computeIfAbsent(key(user), k -> new ArrayList<>())
                .add(new CalendarPermission("perm-" + ids.incrementAndGet(), key(address), address, role));
    }

    /** The next {@code times} requests touching the mailbox answer THROTTLED (429 after the SDK's retries). */
    public void throttle(String user, int times) {
        throttled.put(key(user), new AtomicInteger(times));
    }

    /** Every request touching the mailbox fails with {@code e} until {@link #heal}. */
    public void fail(String user, GraphException e) {
        failing.put(key(user), e);
    }

    public void heal(String user) {
        failing.remove(key(user));
        throttled.remove(key(user));
    }

    /** After {@code n} more successful writes the next write crashes: before taking effect, or after when asked. */
    public void crashAfterWrites(int n, boolean afterApplying) {
        crashAfterWrites = writes.get() + n;
        crashAfterApplying = afterApplying;
    }

    public void noCrash() {
        crashAfterWrites = -1;
    }

    public void latency(Duration d) {
        latency = d;
    }

    /** Bulk reads wait until the returned latch is counted down (to hold a pass in the middle). */
    public CountDownLatch holdBulkReads() {
        readGate = new CountDownLatch(1);
        readEntered = new CountDownLatch(1);
        return readGate;
    }

    public boolean awaitHeldRead(Duration d) throws InterruptedException {
        return readEntered.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Inspection

    public AutoReplies repliesOf(String user) {
        return replies.getOrDefault(key(user), AutoReplies.disabled());
    }

    public List<InboxRule> rulesOf(String user) {
        return List.copyOf(rules.getOrDefault(key(user), List.of()));
    }

    public List<CalendarPermission> permissionsOf(String user) {
        return List.copyOf(permissions.getOrDefault(key(user), List.of()));
    }

    public int writes() {
        return writes.get();
    }

    public int reads() {
        return reads.get();
    }

    public int writes(String action) {
        AtomicInteger n = writesByAction.get(action);
        return n == null ? 0 : n.get();
    }

    public void resetCounts() {
        writes.set(0);
        reads.set(0);
        writesByAction.clear();
    }

    // GraphGateway

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public GraphGateway onBehalfOf(String userAccessToken) {
        return this;
    }

    @Override
    public GraphUser user(String idOrUpn) {
        read(idOrUpn);
        return existing(idOrUpn);
    }

    @Override
    public Optional<GraphUser> manager(String idOrUpn) {
        read(idOrUpn);
        existing(idOrUpn);
        String m = managerOf.get(key(idOrUpn));
        return m == null ? Optional.empty() : Optional.ofNullable(users.get(m));
    }

    @Override
    public List<GraphUser> directReports(String managerIdOrUpn) {
        read(managerIdOrUpn);
        String m = key(managerIdOrUpn);
        return managerOf.entrySet().stream().filter(e -> e.getValue().equals(m)).map(e -> users.get(e.getKey()))
                .filter(u -> u != null).sorted(java.util.Comparator.comparing(GraphUser::mail)).toList();
    }

    @Override
    public Page<GraphUser> listUsers(String pageToken) {
        pause();
        reads.incrementAndGet();
        List<GraphUser> all = users.values().stream().sorted(java.util.Comparator.comparing(GraphUser::mail)).toList();
        int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int to = Math.min(all.size(), from + 999);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public AutoReplies autoReplies(String user) {
        read(user);
        existing(user);
        return repliesOf(user);
    }

    @Override
    public void setAutoReplies(String user, AutoReplies settings) {
        write(user, "setAutoReplies", () -> replies.put(key(user), settings));
    }

    @Override
    public Map<String, Outcome<AutoReplies>> autoRepliesOf(Collection<String> users) {
        return bulk(users, u -> repliesOf(u));
    }

    @Override
    public List<InboxRule> inboxRules(String user) {
        read(user);
        existing(user);
        return rulesOf(user);
    }

    @Override
    public Map<String, Outcome<List<InboxRule>>> inboxRulesOf(Collection<String> users) {
        return bulk(users, this::rulesOf);
    }

    @Override
    public InboxRule createInboxRule(String user, InboxRule rule) {
        InboxRule created = new InboxRule("rule-" + ids.incrementAndGet(), rule.displayName(), rule.sequence(),
                rule.enabled(), rule.forwardTo(), rule.redirectTo());
        write(user, "createInboxRule", () -> rules.computeIfAbsent(key(user), k -> new ArrayList<>()).add(created));
        return created;
    }

    @Override
    public void deleteInboxRule(String user, String ruleId) {
        write(user, "deleteInboxRule", () -> {
            List<InboxRule> list = rules.getOrDefault(key(user), new ArrayList<>());
            if (!list.removeIf(r -> r.id().equals(ruleId))) {
                throw new GraphException(GraphException.Kind.NOT_FOUND, "no rule " + ruleId);
            }
        });
    }

    @Override
    public List<CalendarPermission> calendarPermissions(String user) {
        read(user);
        existing(user);
        return permissionsOf(user);
    }

    @Override
    public CalendarPermission addCalendarDelegate(String user, String delegateAddress, String delegateName) {
        CalendarPermission p = new CalendarPermission("perm-" + ids.incrementAndGet(), key(delegateAddress), delegateName,
                "delegateWithoutPrivateEventAccess");
        write(user, "addCalendarDelegate", () -> {
            List<CalendarPermission> list = permissions.computeIfAbsent(key(user), k -> new ArrayList<>());
            if (list.stream().anyMatch(x -> x.address().equals(p.address()))) {
                throw new GraphException(GraphException.Kind.REJECTED, "the delegate already has a permission");
            }
            list.add(p);
        });
        return p;
    }

    @Override
    public void removeCalendarPermission(String user, String permissionId) {
        write(user, "removeCalendarPermission", () -> {
            if (!permissions.getOrDefault(key(user), new ArrayList<>()).removeIf(p -> p.id().equals(permissionId))) {
                throw new GraphException(GraphException.Kind.NOT_FOUND, "no permission " + permissionId);
            }
        });
    }

    @Override
    public List<CalendarEvent> outOfOfficeEvents(String user, Instant from, Instant to) {
        read(user);
        existing(user);
        return events.getOrDefault(key(user), List.of()).stream()
                .filter(e -> e.start().isBefore(to) && e.end().isAfter(from) && "oof".equals(e.showAs())).toList();
    }

    @Override
    public Map<String, MailTip> mailTips(String senderUser, Collection<String> addresses) {
        throw new GraphException(GraphException.Kind.REJECTED, "not part of this fake");
    }

    @Override
    public void sendMail(String fromUser, OutgoingMail mail) {
        throw new GraphException(GraphException.Kind.REJECTED, "not part of this fake");
    }

    // Machinery

    private interface Bulk<T> {
        T get(String user);
    }

    private <T> Map<String, Outcome<T>> bulk(Collection<String> list, Bulk<T> each) {
        checkConfigured();
        CountDownLatch gate = readGate;
        if (gate != null) {
            readEntered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readGate = null;
        }
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        int n = 0;
        for (String u : list) {
            if (n++ % BATCH == 0) {
                pause();
                reads.incrementAndGet();
            }
            try {
                refuse(u);
                existing(u);
                out.put(u, Outcome.ok(each.get(u)));
            } catch (GraphException e) {
                out.put(u, Outcome.failed(e));
            }
        }
        return out;
    }

    private void read(String user) {
        checkConfigured();
        pause();
        reads.incrementAndGet();
        refuse(user);
    }

    private synchronized void countWrite(String action) {
        writes.incrementAndGet();
        writesByAction.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
    }

    private void write(String user, String action, Runnable change) {
        checkConfigured();
        pause();
        refuse(user);
        existing(user);
        int limit = crashAfterWrites;
        if (limit >= 0 && writes.get() >= limit) {
            crashAfterWrites = -1;
            if (crashAfterApplying) {
                change.run();
                countWrite(action);
            }
            throw new Crash("simulated crash at " + action + " on " + user);
        }
        change.run();
        countWrite(action);
    }

    private void refuse(String user) {
        String k = key(user);
        GraphException f = failing.get(k);
        if (f != null) {
            throw f;
        }
        AtomicInteger t = throttled.get(k);
        if (t != null && t.getAndDecrement() > 0) {
            throw new GraphException(GraphException.Kind.THROTTLED, "429 Too Many Requests for " + k, null,
                    Duration.ofSeconds(30), null);
        }
    }

    private GraphUser existing(String user) {
        GraphUser u = users.get(key(user));
        if (u == null) {
            throw new GraphException(GraphException.Kind.NOT_FOUND, "no user " + user);
        }
        return u;
    }

    private void checkConfigured() {
        if (!configured) {
            throw new GraphException(GraphException.Kind.NOT_CONFIGURED, "Graph is not configured");
        }
    }

    private void pause() {
        long ms = latency.toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
