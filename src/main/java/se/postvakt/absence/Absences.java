package se.postvakt.absence;

import java.time.Clock;
import java.time.Duration;
import se.postvakt.audit.AuditLog;
import se.postvakt.db.Sql;
import se.postvakt.graph.GraphGateway;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiModule;

/**
 * The absence feature assembled: service, reconciler (with its schedule) and routes. Close it to stop the schedule.
 */
public final class Absences implements AutoCloseable {
    /** Mailboxes worked on at the same time in a pass: polite to Graph, quick enough for thousands. */
    public static final int PARALLELISM = 8;

    private final AbsenceService service;
    private final Reconciler reconciler;
    private final ApiModule api;
    private final AbsenceDaily daily;

    private Absences(AbsenceService service, Reconciler reconciler, AbsenceDaily daily) {
        this.daily = daily;
        this.service = service;
        this.reconciler = reconciler;
        this.api = new AbsenceApi(service, reconciler);
    }

    /**
     * Builds the feature. With a positive {@code interval} a pass runs on that schedule, and after every change; with
     * null nothing runs by itself (tests drive passes).
     */
    public static Absences create(Sql sql, boolean postgres, GraphGateway graph, PolicyStore policy, AuditLog audit,
                                  Clock clock, Duration interval, int parallelism) {
        AbsenceRepository repo = new AbsenceRepository(sql);
        AbsenceDaily daily = new AbsenceDaily(sql, repo, policy, clock);
        Reconciler reconciler = new Reconciler(repo, graph, policy, audit, clock, new PassLock(sql.dataSource(), postgres),
                parallelism, daily::snapshot);
        AbsenceService service = new AbsenceService(repo, graph, policy, clock,
                interval == null ? () -> { } : reconciler::trigger);
        if (interval != null) {
            reconciler.schedule(interval);
        }
        return new Absences(service, reconciler, daily);
    }

    public AbsenceService service() {
        return service;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** Daily counts for the follow-up statistics. */
    public AbsenceDaily statistics() {
        return daily;
    }

    public ApiModule api() {
        return api;
    }

    @Override
    public void close() {
        reconciler.close();
    }
}
