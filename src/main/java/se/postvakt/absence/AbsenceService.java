package se.postvakt.absence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.postvakt.auth.Principal;
import se.postvakt.graph.GraphException;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.GraphUser;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiException;

/**
 * Registering, changing and ending absences, and who may see or touch whose. Saves and then asks the reconciler for
 * a pass; Graph is only read here (users, manager relation), never written.
 */
public final class AbsenceService {
    private final AbsenceRepository repo;
    private final GraphGateway graph;
    private final PolicyStore policy;
    private final Clock clock;
    private final Runnable onChange;
    private final Cache<String, Optional<String>> managers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();
    private final Cache<String, Set<String>> reports = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(1_000).build();

    AbsenceService(AbsenceRepository repo, GraphGateway graph, PolicyStore policy, Clock clock, Runnable onChange) {
        this.repo = repo;
        this.graph = graph;
        this.policy = policy;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** An absence as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String user, String userName, String start, String end, String delegate,
                       String delegateName, String reason, Map<String, String> autoReply, String status, String source,
                       boolean delegateApplies, String reply, String enforcement, String notice, String lastError,
                       String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
    }

    public View create(Principal caller, JsonNode body) {
        PolicyDocument p = policy.current();
        ZoneId zone = zone(p);
        AbsenceInput in = new AbsenceInput(body, zone);
        String user = in.user != null ? in.user : in.present("user") ? null : caller.upn();
        required(in, "user", user);
        required(in, "start", in.start);
        required(in, "end", in.end);
        checkTimes(in, in.start, in.end, null);
        if (user != null) {
            requireInternal(in, "user", user, p);
        }
        checkDelegate(in, user, in.delegate, p);
        in.throwIfInvalid();
        mayActFor(caller, user);
        String userName = displayName(in, "user", user);
        String delegateName = in.delegate == null ? null : displayName(in, "delegate", in.delegate);
        in.throwIfInvalid();
        noOverlap(user, in.start, in.end, null);
        Instant now = clock.instant();
        Absence a = new Absence(UUID.randomUUID().toString(), user, userName, in.start, in.end, in.delegate,
                delegateName, in.reason, in.ownInternal, in.ownExternal, Absence.REGISTERED, null, "planned", false,
                caller.upn(), now, caller.upn(), now);
        repo.insert(a);
        onChange.run();
        return view(a, p, now);
    }

    public View update(Principal caller, String id, JsonNode body) {
        Absence a = visible(caller, id);
        PolicyDocument p = policy.current();
        Instant now = clock.instant();
        if (!a.statusAt(now).equals("planned") && !a.activeAt(now)) {
            throw ApiException.conflict("absence " + id + " is over and can no longer be changed");
        }
        AbsenceInput in = new AbsenceInput(body, zone(p));
        if (in.present("user") && in.user != null && !in.user.equals(a.user())) {
            in.fail("user", "cannot be changed; end this absence and register a new one");
        }
        Instant start = in.start != null ? in.start : a.start();
        Instant end = in.end != null ? in.end : a.end();
        if (a.activeAt(now) && in.start != null && !in.start.equals(a.start()) && in.start.isAfter(now)) {
            in.fail("start", "the absence has begun; its start can only move earlier");
        }
        checkTimes(in, start, end, a);
        String delegate = in.present("delegate") ? in.delegate : a.delegate();
        if (in.present("delegate")) {
            checkDelegate(in, a.user(), in.delegate, p);
        }
        in.throwIfInvalid();
        String delegateName = a.delegateName();
        if (in.present("delegate")) {
            delegateName = delegate == null ? null : displayName(in, "delegate", delegate);
            in.throwIfInvalid();
        }
        noOverlap(a.user(), start, end, a.id());
        boolean ownTexts = in.present("autoReply");
        Absence changed = new Absence(a.id(), a.user(), a.userName(), start, end, delegate, delegateName,
                in.present("reason") ? in.reason : a.reason(), ownTexts ? in.ownInternal : a.ownInternal(),
                ownTexts ? in.ownExternal : a.ownExternal(), a.source(), a.calendarEventId(),
                a.status(), false, a.createdBy(), a.createdAt(), caller.upn(), now);
        repo.update(changed);
        repo.clearBackoff(a.user());
        onChange.run();
        return view(changed, p, now);
    }

    /** Ends the absence now; the reconciler then takes back what Postvakt set. Ending an ended absence is a no-op. */
    public View end(Principal caller, String id) {
        Absence a = visible(caller, id);
        Instant now = clock.instant();
        PolicyDocument p = policy.current();
        if (a.closed() || !now.isBefore(a.end())) {
            return view(a, p, now);
        }
        Absence ended = a.withTimes(a.start().isAfter(now) ? now : a.start(), now, caller.upn(), now);
        repo.update(ended);
        repo.clearBackoff(a.user());
        onChange.run();
        return view(ended, p, now);
    }

    /** What the caller may see: their own, their direct reports' (managers), everything (admins). */
    public List<View> list(Principal caller, String user, Boolean active) {
        Instant now = clock.instant();
        PolicyDocument p = policy.current();
        List<String> scope;
        if (user != null && !user.isBlank()) {
            String u = user.strip().toLowerCase(Locale.ROOT);
            mayActFor(caller, u);
            scope = List.of(u);
        } else if (caller.isAdmin()) {
            scope = null;
        } else {
            Set<String> s = new LinkedHashSet<>();
            s.add(caller.upn());
            if (caller.isManager()) {
                s.addAll(reportsOf(caller));
            }
            scope = new ArrayList<>(s);
        }
        List<View> out = new ArrayList<>();
        Map<String, MailboxState> states = repo.allStates();
        for (Absence a : repo.list(scope, 1000)) {
            boolean isActive = a.activeAt(now);
            if (active == null || active == isActive) {
                out.add(view(a, p, now, states.get(a.user())));
            }
        }
        return out;
    }

    View get(Principal caller, String id) {
        return view(visible(caller, id), policy.current(), clock.instant());
    }

    /**
     * For managers their team, for admins everyone: who is absent now with no reply on, which delegations are active,
     * and which mailboxes fail (with the reason).
     */
    public Map<String, Object> compliance(Principal caller) {
        Instant now = clock.instant();
        Set<String> team = caller.isAdmin() ? null : reportsOf(caller);
        Map<String, MailboxState> states = repo.allStates();
        List<Map<String, Object>> withoutReply = new ArrayList<>();
        List<Map<String, Object>> complied = new ArrayList<>();
        List<Map<String, Object>> delegations = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (List<Absence> list : repo.begunAndOpen(now).values()) {
            for (Absence a : list) {
                if (!a.activeAt(now) || (team != null && !team.contains(a.user()))) {
                    continue;
                }
                MailboxState st = states.get(a.user());
                Map<String, Object> row = row("user", a.user(), "absenceId", a.id(), "start", a.start(), "end", a.end(),
                        "since", a.start());
                if (st != null && MailboxState.THEIRS.equals(st.replyMode)) {
                    complied.add(row);
                } else if (st == null || !st.replyOn()) {
                    row.put("why", st != null && st.lastError != null ? "failing: " + st.lastError
                            : graph.configured() ? "not yet set (waiting for the next pass)" : "enforcement is off");
                    withoutReply.add(row);
                }
                if (st != null && st.ruleId != null) {
                    delegations.add(row("user", a.user(), "absenceId", a.id(), "delegate", st.ruleDelegate,
                            "mode", st.ruleMode, "calendar", st.calPermId != null, "start", a.start(), "end", a.end()));
                }
            }
        }
        for (MailboxState st : states.values()) {
            if (st.failures > 0 && (team == null || team.contains(st.user))) {
                failures.add(row("user", st.user, "kind", st.errorKind, "reason", st.lastError, "attempts", st.failures,
                        "nextAttemptAt", st.nextAttemptAt, "absenceId", st.absenceId));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enforcement", graph.configured() ? "on" : "off");
        if (!graph.configured()) {
            out.put("notice", Reconciler.OFF_NOTICE);
        }
        out.put("absentWithoutReply", withoutReply);
        out.put("alreadyComplied", complied);
        out.put("delegations", delegations);
        out.put("failures", failures);
        return out;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Absence visible(Principal caller, String id) {
        Absence a = repo.find(id).orElseThrow(() -> ApiException.notFound("no absence " + id));
        try {
            mayActFor(caller, a.user());
        } catch (ApiException e) {
            // Do not tell others which absences exist.
            throw ApiException.notFound("no absence " + id);
        }
        return a;
    }

    /** Staff for themselves, managers for their direct reports (from Graph's manager relation), admins for anyone. */
    void mayActFor(Principal caller, String user) {
        if (caller.isAdmin() || caller.upn().equals(user)) {
            return;
        }
        if (!caller.isManager()) {
            throw ApiException.forbidden("you may register and see absences only for yourself");
        }
        if (!graph.configured()) {
            throw ApiException.forbidden("Microsoft Graph is not configured, so the manager relation cannot be checked; "
                    + "ask IT (Postvakt.Admin) to register absences for your team");
        }
        Optional<String> manager = managers.get(user, u -> {
            try {
                return graph.manager(u).map(AbsenceService::addressOf);
            } catch (GraphException e) {
                if (e.kind() == GraphException.Kind.NOT_FOUND) {
                    return Optional.empty();
                }
                throw unavailable("the manager of " + u, e);
            }
        });
        if (manager.isEmpty() || !manager.get().equals(caller.upn())) {
            throw ApiException.forbidden("you may register absences only for your direct reports, and " + user
                    + " does not report to you in the directory");
        }
    }

    private Set<String> reportsOf(Principal caller) {
        if (!graph.configured()) {
            return Set.of();
        }
        return reports.get(caller.upn(), m -> {
            try {
                Set<String> s = new LinkedHashSet<>();
                for (GraphUser u : graph.directReports(m)) {
                    s.add(addressOf(u));
                    if (u.mail() != null) {
                        s.add(u.mail().toLowerCase(Locale.ROOT));
                    }
                }
                return s;
            } catch (GraphException e) {
                if (e.kind() == GraphException.Kind.NOT_FOUND) {
                    return Set.of();
                }
                throw unavailable("your direct reports", e);
            }
        });
    }

    private static String addressOf(GraphUser u) {
        String a = u.userPrincipalName() != null ? u.userPrincipalName() : u.mail();
        return a == null ? "" : a.toLowerCase(Locale.ROOT);
    }

    private static ApiException unavailable(String what, GraphException e) {
        return new ApiException(503, "Microsoft Graph could not tell " + what + " (" + e.kind() + "); try again shortly");
    }

    private static void required(AbsenceInput in, String field, Object value) {
        if (value == null && in.errors.stream().noneMatch(e -> e.field().equals(field))) {
            in.fail(field, "is required");
        }
    }

    private void checkTimes(AbsenceInput in, Instant start, Instant end, Absence existing) {
        if (start == null || end == null) {
            return;
        }
        if (!end.isAfter(start)) {
            in.fail("end", "must be after start");
        } else if (!end.isAfter(clock.instant()) && (existing == null || !end.equals(existing.end()))) {
            in.fail("end", "lies in the past; an absence must end in the future");
        }
    }

    private void checkDelegate(AbsenceInput in, String user, String delegate, PolicyDocument p) {
        if (delegate == null) {
            return;
        }
        if (delegate.equals(user)) {
            in.fail("delegate", "must be someone else than the absent person");
            return;
        }
        requireInternal(in, "delegate", delegate, p);
    }

    private static void requireInternal(AbsenceInput in, String field, String address, PolicyDocument p) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!p.getList("domains.internal").contains(domain)) {
            in.fail(field, "must be an address in the organisation's own domains " + p.getList("domains.internal"));
        }
    }

    /** The directory name; a missing user is a field error. Without Graph the address stands in. */
    private String displayName(AbsenceInput in, String field, String address) {
        if (!graph.configured()) {
            return nameFromAddress(address);
        }
        try {
            GraphUser u = graph.user(address);
            return u.displayName() == null || u.displayName().isBlank() ? nameFromAddress(address) : u.displayName();
        } catch (GraphException e) {
            if (e.kind() == GraphException.Kind.NOT_FOUND) {
                in.fail(field, "no such user in the directory");
                return null;
            }
            throw unavailable("whether " + address + " exists", e);
        }
    }

    static String nameFromAddress(String address) {
        StringBuilder sb = new StringBuilder();
        for (String part : address.substring(0, address.indexOf('@')).split("[._-]+")) {
            if (!part.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private void noOverlap(String user, Instant start, Instant end, String exceptId) {
        List<Absence> clash = repo.overlapping(user, start, end, exceptId);
        if (!clash.isEmpty()) {
            throw ApiException.conflict("overlaps absence " + clash.get(0).id() + " of " + user
                    + "; change that one instead");
        }
    }

    private static ZoneId zone(PolicyDocument p) {
        return p.timeZone();
    }

    private View view(Absence a, PolicyDocument p, Instant now) {
        return view(a, p, now, repo.state(a.user()).orElse(null));
    }

    private View view(Absence a, PolicyDocument p, Instant now, MailboxState st) {
        ZoneId zone = zone(p);
        boolean delegateApplies = a.delegate() != null
                && a.length().compareTo(Duration.ofDays(p.getLong("absence.delegateAfterDays"))) > 0;
        Map<String, String> own = null;
        if (a.ownInternal() != null || a.ownExternal() != null) {
            own = new LinkedHashMap<>();
            own.put("internal", a.ownInternal());
            own.put("external", a.ownExternal());
        }
        boolean current = st != null && a.id().equals(st.absenceId);
        String reply = !a.activeAt(now) || !current ? null : MailboxState.THEIRS.equals(st.replyMode) ? "own"
                : MailboxState.OURS.equals(st.replyMode) ? "postvakt" : "none";
        String status = a.statusAt(now);
        return new View(a.id(), a.user(), a.userName(), a.start().atZone(zone).toOffsetDateTime().toString(),
                a.end().atZone(zone).toOffsetDateTime().toString(), a.delegate(), a.delegateName(), a.reason(), own,
                status, a.source(), delegateApplies, reply, graph.configured() ? "on" : "off",
                graph.configured() ? null : Reconciler.OFF_NOTICE,
                "failed".equals(status) && st != null ? st.lastError : null,
                a.createdBy(), a.createdAt(), a.updatedBy(), a.updatedAt());
    }
}
