package se.postvakt.absence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.audit.AuditLog;
import se.postvakt.graph.AutoReplies;
import se.postvakt.graph.GraphException;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.InboxRule;
import se.postvakt.graph.Outcome;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicyStore;

/**
 * Compares the desired state of every affected mailbox with what Graph says and changes only the difference. A pass
 * reads in bulk, works on mailboxes in parallel (a few at a time), lets one mailbox fail without stopping the rest
 * (that mailbox is retried with back-off), and runs on one instance at a time through {@link PassLock}.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final String OFF_NOTICE = "Microsoft Graph is not configured on this server: absences are stored, but no "
            + "automatic replies, forwarding rules or calendar permissions are set (enforcement is off)";

    private final AbsenceRepository repo;
    private final GraphGateway graph;
    private final PolicyStore policy;
    private final AuditLog audit;
    private final Clock clock;
    private final PassLock lock;
    private final CalendarDetector detector;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile LastPass lastPass;
    private final Runnable afterPass;
    private volatile Duration interval;
    /** After this many throttled mailboxes in one pass the rest wait for the next pass: Graph is telling us to slow down. */
    static final int THROTTLE_BRAKE = 5;

    /** {@code afterPass} runs after each pass this instance completes (the daily statistics). */
    Reconciler(AbsenceRepository repo, GraphGateway graph, PolicyStore policy, AuditLog audit, Clock clock, PassLock lock,
               int parallelism, Runnable afterPass) {
        this.afterPass = afterPass;
        this.repo = repo;
        this.graph = graph;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.lock = lock;
        this.workers = Executors.newFixedThreadPool(parallelism, daemon("postvakt-reconcile-worker"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("postvakt-reconcile"));
        this.detector = new CalendarDetector(repo, graph, workers);
    }

    /** The answer of a pass. {@code deferred} mailboxes wait for their back-off; {@code skipped} when another pass ran. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(int examined, int changed, int failed, long durationMs, Integer deferred, Boolean skipped,
                          String enforcement, String notice) {
    }

    /** The last pass this instance ran, with its figures; null before the first. */
    public record LastPass(Instant startedAt, Instant finishedAt, int examined, int changed, int failed, long durationMs) {
    }

    /** What the admin page shows: the last pass on this instance and when the next scheduled one is due. */
    public Map<String, Object> status() {
        LastPass last = lastPass;
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("lastPass", last);
        out.put("nextPassAt", interval == null ? null : (last == null ? clock.instant() : last.finishedAt()).plus(interval));
        out.put("enforcement", graph.configured() ? "on" : "off");
        return out;
    }

    /** Runs a pass every {@code interval}. */
    void schedule(Duration interval) {
        this.interval = interval;
        scheduler.scheduleWithFixedDelay(() -> background(false), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon, in the background; several requests while one waits make one pass. */
    public void trigger() {
        if (queued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                queued.set(false);
                background(true);
            });
        }
    }

    private void background(boolean retryIfBusy) {
        try {
            Summary s = runPass(Duration.ZERO);
            if (Boolean.TRUE.equals(s.skipped()) && retryIfBusy) {
                // Another pass may have read the absences before this change was saved: look again shortly.
                scheduler.schedule(() -> background(false), 5, TimeUnit.SECONDS);
            }
        } catch (Throwable t) {
            LOG.error("reconcile pass failed", t);
        }
    }

    /** Runs a pass now, waiting up to {@code wait} for a pass elsewhere to finish. */
    public Summary runPass(Duration wait) {
        long t0 = System.nanoTime();
        if (!graph.configured()) {
            return new Summary(0, 0, 0, millisSince(t0), null, null, "off", OFF_NOTICE);
        }
        Optional<PassLock.Held> held = lock.tryAcquire(wait);
        if (held.isEmpty()) {
            return new Summary(0, 0, 0, millisSince(t0), null, true, "on",
                    "another reconcile pass is running (on this or another instance); this one was skipped");
        }
        try (PassLock.Held h = held.get()) {
            Instant started = clock.instant();
            Summary s = pass(t0);
            lastPass = new LastPass(started, clock.instant(), s.examined(), s.changed(), s.failed(), s.durationMs());
            try {
                afterPass.run();
            } catch (RuntimeException e) {
                LOG.warn("absence statistics not written: {}", e.toString());
            }
            LOG.info("reconcile pass: {} mailboxes examined, {} changed, {} failed, {} deferred, {} ms", s.examined(),
                    s.changed(), s.failed(), s.deferred(), s.durationMs());
            return s;
        }
    }

    private Summary pass(long t0) {
        Instant now = clock.instant();
        PolicyDocument p = policy.current();
        if (p.getBoolean("absence.detectFromCalendar")) {
            detector.scanIfDue(now, p);
        }
        Map<String, List<Absence>> open = repo.begunAndOpen(now);
        Map<String, MailboxState> states = repo.allStates();
        TreeSet<String> users = new TreeSet<>(open.keySet());
        users.addAll(states.keySet());
        Map<String, Plan> plans = new HashMap<>();
        List<String> due = new ArrayList<>();
        int deferred = 0;
        for (String u : users) {
            MailboxState st = states.get(u);
            Plan plan = Plan.of(open.getOrDefault(u, List.of()), p, now);
            if (st == null && plan.active() == null) {
                // Over before Postvakt touched the mailbox: nothing to take back.
                plan.ended().forEach(a -> repo.setStatus(a.id(), "ended", true));
                continue;
            }
            if (st != null && st.nextAttemptAt != null && now.isBefore(st.nextAttemptAt)) {
                deferred++;
                continue;
            }
            plans.put(u, plan);
            due.add(u);
        }
        Map<String, Outcome<AutoReplies>> replies = bulk(due, () -> graph.autoRepliesOf(due));
        List<String> needRules = due.stream().filter(u -> MailboxSteps.needsRules(plans.get(u),
                states.getOrDefault(u, new MailboxState(u)))).toList();
        Map<String, Outcome<List<InboxRule>>> rules = needRules.isEmpty() ? Map.of()
                : bulk(needRules, () -> graph.inboxRulesOf(needRules));

        AtomicInteger changed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger braked = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (String u : due) {
            MailboxState st = states.getOrDefault(u, new MailboxState(u));
            futures.add(workers.submit(() -> {
                if (throttled.get() >= THROTTLE_BRAKE) {
                    braked.incrementAndGet();
                    return;
                }
                if (one(st, plans.get(u), replies.get(u), rules.get(u), now)) {
                    changed.incrementAndGet();
                }
                if (st.failures > 0) {
                    failed.incrementAndGet();
                    if (GraphException.Kind.THROTTLED.name().equals(st.errorKind)) {
                        throttled.incrementAndGet();
                    }
                }
            }));
        }
        awaitAll(futures);
        return new Summary(due.size() - braked.get(), changed.get(), failed.get(), millisSince(t0),
                deferred + braked.get(), null, "on", null);
    }

    /** Reconciles one mailbox; true when it wrote to Graph. A failure is recorded, never thrown. */
    private boolean one(MailboxState st, Plan plan, Outcome<AutoReplies> replies, Outcome<List<InboxRule>> rules,
                        Instant now) {
        int writes = 0;
        MailboxSteps steps = new MailboxSteps(repo, graph, audit, now, st, plan);
        try {
            writes = steps.run(replies, rules);
        } catch (RuntimeException e) {
            st.failures++;
            st.errorKind = e instanceof GraphException ge ? ge.kind().name() : "ERROR";
            st.lastError = cut(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 500);
            st.nextAttemptAt = now.plus(backoff(st.failures, e instanceof GraphException ge ? ge.retryAfter() : null));
            st.absenceId = plan.absenceId();
            repo.save(st, now);
            LOG.warn("reconciling {} failed ({}), retry after {}", st.user, st.errorKind, st.nextAttemptAt);
            if (plan.active() != null) {
                repo.setStatus(plan.active().id(), "failed", false);
            }
            plan.ended().forEach(a -> repo.setStatus(a.id(), "failed", false));
            return steps.writes() > 0;
        }
        boolean dirty = st.failures != 0 || st.nextAttemptAt != null
                || !java.util.Objects.equals(st.absenceId, plan.active() == null ? null : plan.active().id());
        st.failures = 0;
        st.errorKind = null;
        st.lastError = null;
        st.nextAttemptAt = null;
        st.absenceId = plan.active() == null ? null : plan.active().id();
        if (dirty || st.empty()) {
            repo.save(st, now);
        }
        if (plan.active() != null) {
            repo.setStatus(plan.active().id(), "active", false);
        }
        plan.ended().forEach(a -> repo.setStatus(a.id(), "ended", true));
        return writes > 0;
    }

    /** 1, 2, 4 ... 60 minutes; longer when Graph asked for it. */
    static Duration backoff(int failures, Duration retryAfter) {
        Duration d = Duration.ofMinutes(Math.min(60, 1L << Math.min(6, Math.max(0, failures - 1))));
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    private static <T> Map<String, Outcome<T>> bulk(Collection<String> users, Supplier<Map<String, Outcome<T>>> read) {
        if (users.isEmpty()) {
            return Map.of();
        }
        try {
            return read.get();
        } catch (GraphException e) {
            Map<String, Outcome<T>> failed = new HashMap<>();
            users.forEach(u -> failed.put(u, Outcome.failed(e)));
            return failed;
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        Error crash = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reconcile pass interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    crash = err;
                } else {
                    LOG.error("reconcile worker failed", e.getCause());
                }
            }
        }
        if (crash != null) {
            throw crash;
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
