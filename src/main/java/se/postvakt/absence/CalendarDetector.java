package se.postvakt.absence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.graph.CalendarEvent;
import se.postvakt.graph.GraphException;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.GraphUser;
import se.postvakt.graph.Page;
import se.postvakt.policy.PolicyDocument;

/**
 * With {@code absence.detectFromCalendar} on: an out-of-office event of a working day or more that nobody registered
 * becomes an absence (source {@code calendar}). It gets replies; a delegate only if the person adds one later.
 */
final class CalendarDetector {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarDetector.class);
    /** A working day: all-day events, or timed events of at least this long. */
    static final Duration WORKING_DAY = Duration.ofHours(8);
    /** How far ahead events are looked for, so detected absences show as planned before they begin. */
    static final Duration LOOK_AHEAD = Duration.ofDays(7);
    static final String ACTOR = "calendar-detection";
    /** Reading every calendar is one request per person, so the directory is scanned at most this often. */
    static final Duration SCAN_EVERY = Duration.ofHours(1);

    private final AbsenceRepository repo;
    private final GraphGateway graph;
    private final ExecutorService workers;
    private volatile Instant lastScan;

    CalendarDetector(AbsenceRepository repo, GraphGateway graph, ExecutorService workers) {
        this.repo = repo;
        this.graph = graph;
        this.workers = workers;
    }

    static boolean countsAsAbsence(CalendarEvent e) {
        return "oof".equalsIgnoreCase(e.showAs()) && e.end().isAfter(e.start())
                && (e.allDay() || Duration.between(e.start(), e.end()).compareTo(WORKING_DAY) >= 0);
    }

    /** Scans unless a scan ran less than {@link #SCAN_EVERY} ago on this instance. */
    void scanIfDue(Instant now, PolicyDocument p) {
        Instant last = lastScan;
        if (last != null && now.isBefore(last.plus(SCAN_EVERY))) {
            return;
        }
        lastScan = now;
        scan(now, p);
    }

    void scan(Instant now, PolicyDocument p) {
        List<String> internal = p.getList("domains.internal");
        List<GraphUser> people = new ArrayList<>();
        try {
            String token = null;
            do {
                Page<GraphUser> page = graph.listUsers(token);
                for (GraphUser u : page.items()) {
                    if (u.mail() != null && internal.contains(domain(u.mail()))) {
                        people.add(u);
                    }
                }
                token = page.nextPageToken();
            } while (token != null);
        } catch (GraphException e) {
            LOG.warn("calendar detection skipped: the directory could not be listed ({})", e.kind());
            return;
        }
        Map<String, Absence> known = repo.openCalendarAbsences();
        List<Future<List<CalendarEvent>>> futures = new ArrayList<>();
        for (GraphUser u : people) {
            futures.add(workers.submit(() -> graph.outOfOfficeEvents(u.mail(), now, now.plus(LOOK_AHEAD))));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            GraphUser u = people.get(i);
            String user = u.mail().toLowerCase(Locale.ROOT);
            List<CalendarEvent> events;
            try {
                events = futures.get(i).get();
            } catch (ExecutionException e) {
                LOG.debug("calendar of {} could not be read: {}", user, e.getCause().toString());
                known.keySet().stream().filter(k -> k.startsWith(user + "\n")).forEach(seen::add);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (CalendarEvent e : events) {
                if (!countsAsAbsence(e)) {
                    continue;
                }
                String key = user + "\n" + e.id();
                seen.add(key);
                Absence existing = known.get(key);
                if (existing != null) {
                    if (!existing.start().equals(e.start()) || !existing.end().equals(e.end())) {
                        repo.update(existing.withTimes(e.start(), e.end(), ACTOR, now));
                    }
                } else if (repo.overlapping(user, e.start(), e.end(), null).isEmpty()) {
                    repo.insert(new Absence(UUID.randomUUID().toString(), user, u.displayName() == null ? user
                            : u.displayName(), e.start(), e.end(), null, null, null, null, null, Absence.CALENDAR, e.id(),
                            "planned", false, ACTOR, now, ACTOR, now));
                }
            }
        }
        // An event that was removed ends its absence now (one not yet begun simply ends at its start).
        for (Map.Entry<String, Absence> k : known.entrySet()) {
            Absence a = k.getValue();
            if (!seen.contains(k.getKey()) && a.end().isAfter(now)) {
                Instant end = a.start().isAfter(now) ? a.start() : now;
                if (!end.equals(a.end())) {
                    // one not yet begun already ends at its start after the first scan: nothing to write again
                    repo.update(a.withTimes(a.start(), end, ACTOR, now));
                }
            }
        }
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
