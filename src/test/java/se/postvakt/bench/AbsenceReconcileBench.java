package se.postvakt.bench;

import se.postvakt.support.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import se.postvakt.absence.Absences;
import se.postvakt.absence.InMemoryGraph;
import se.postvakt.absence.Reconciler;
import se.postvakt.audit.AuditLog;
import se.postvakt.auth.Principal;
import se.postvakt.auth.Role;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyRepository;
import se.postvakt.policy.PolicySchema;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.Json;

/**
 * Scale of a reconcile pass (a benchmark, not a test): 10,000 mailboxes, 300 active absences (half long enough for
 * a delegate rule), every Graph request taking 50 ms in the in-process {@code InMemoryGraph}; bulk reads cost one
 * request per 20 mailboxes, as {@code $batch} does. Prints the first (full) pass and a steady-state pass with its
 * write count. Optional arguments: a JDBC URL (default a fresh H2) and {@code calendar} to give delegates calendar
 * permission too.
 */
public final class AbsenceReconcileBench {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 && args[0].startsWith("jdbc:") ? args[0]
                : "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        boolean calendar = List.of(args).contains("calendar");
        int mailboxes = 10_000;
        int absent = 300;
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
        if (List.of(args).contains("sdk")) {
            overSdk(url, mailboxes, absent, clock);
            return;
        }
        InMemoryGraph graph = new InMemoryGraph();
        for (int i = 0; i < mailboxes; i++) {
            graph.user(String.format(Locale.ROOT, "person%05d@mjolby.se", i), "Person " + i);
        }
        try (Database db = Database.open(url, url.startsWith("jdbc:postgresql:") ? "postgres" : "", "")) {
            Sql sql = new Sql(db.dataSource());
            PolicyStore policy = new PolicyStore(new PolicyRepository(sql), PolicySchema.standard(List.of("mjolby.se")),
                    clock, Duration.ofSeconds(2));
            if (calendar) {
                ObjectNode doc = policy.current().toJson();
                ((ObjectNode) doc.get("absence")).put("calendarDelegate", true);
                policy.update(doc, "bench");
            }
            try (Absences absences = Absences.create(sql, db.isPostgres(), graph, policy, new AuditLog(sql, clock), clock,
                    null, Absences.PARALLELISM)) {
                register(absences, clock, absent);
                graph.latency(Duration.ofMillis(50));
                graph.resetCounts();
                Reconciler.Summary full = absences.reconciler().runPass(Duration.ZERO);
                int fullWrites = graph.writes();
                int fullReads = graph.reads();
                graph.resetCounts();
                Reconciler.Summary steady = absences.reconciler().runPass(Duration.ZERO);
                System.out.printf(Locale.ROOT, "mailboxes=%d active=%d latency=50ms parallelism=%d calendarDelegate=%s db=%s%n",
                        mailboxes, absent, Absences.PARALLELISM, calendar, db.isPostgres() ? "postgresql" : "h2");
                System.out.printf(Locale.ROOT, "full pass:   %6d ms, examined %d, changed %d, failed %d, %d writes, %d read requests%n",
                        full.durationMs(), full.examined(), full.changed(), full.failed(), fullWrites, fullReads);
                System.out.printf(Locale.ROOT, "steady pass: %6d ms, examined %d, changed %d, failed %d, %d writes, %d read requests%n",
                        steady.durationMs(), steady.examined(), steady.changed(), steady.failed(), graph.writes(), graph.reads());
            }
        }
    }

    /**
     * The same scale through the real Graph SDK and msal-free gateway against {@code FakeGraphServer} over HTTP, every
     * answer delayed 50 ms: batching, the per-mailbox limit and OkHttp's connection pool all take part.
     */
    static void overSdk(String url, int mailboxes, int absent, MutableClock clock) throws Exception {
        try (se.postvakt.support.FakeGraphServer fake = new se.postvakt.support.FakeGraphServer();
             Database db = Database.open(url, url.startsWith("jdbc:postgresql:") ? "postgres" : "", "")) {
            for (int i = 0; i < mailboxes; i++) {
                fake.addUser(String.format(Locale.ROOT, "person%05d@mjolby.se", i), "Person " + i);
            }
            Sql sql = new Sql(db.dataSource());
            PolicyStore policy = new PolicyStore(new PolicyRepository(sql), PolicySchema.standard(List.of("mjolby.se")),
                    clock, Duration.ofSeconds(2));
            try (Absences absences = Absences.create(sql, db.isPostgres(), fake.gateway(), policy, new AuditLog(sql, clock),
                    clock, null, Absences.PARALLELISM)) {
                register(absences, clock, absent);
                fake.latency(Duration.ofMillis(50));
                int before = fake.requests().size();
                Reconciler.Summary full = absences.reconciler().runPass(Duration.ZERO);
                int fullRequests = fake.requests().size() - before;
                int writesAfterFull = totalWrites(fake, mailboxes);
                before = fake.requests().size();
                Reconciler.Summary steady = absences.reconciler().runPass(Duration.ZERO);
                int steadyRequests = fake.requests().size() - before;
                int steadyWrites = totalWrites(fake, mailboxes) - writesAfterFull;
                System.out.printf(Locale.ROOT, "over the real SDK: mailboxes=%d active=%d latency=50ms db=%s%n", mailboxes, absent,
                        db.isPostgres() ? "postgresql" : "h2");
                System.out.printf(Locale.ROOT, "full pass:   %6d ms, examined %d, changed %d, failed %d, %d HTTP requests, %d writes%n",
                        full.durationMs(), full.examined(), full.changed(), full.failed(), fullRequests, writesAfterFull);
                System.out.printf(Locale.ROOT, "steady pass: %6d ms, examined %d, changed %d, failed %d, %d HTTP requests, %d writes%n",
                        steady.durationMs(), steady.examined(), steady.changed(), steady.failed(), steadyRequests, steadyWrites);
            }
        }
        System.exit(0);
    }

    private static int totalWrites(se.postvakt.support.FakeGraphServer fake, int mailboxes) {
        int n = 0;
        for (int i = 0; i < mailboxes; i++) {
            n += fake.writes(String.format(Locale.ROOT, "person%05d@mjolby.se", i));
        }
        return n;
    }

    /** Registers the benchmark's absences: every 31st person, from an hour ago; every second one a week with a delegate. */
    private static void register(Absences absences, MutableClock clock, int absent) {
        Principal admin = new Principal("oid", "it@mjolby.se", "IT", Set.of(Role.STAFF, Role.ADMIN));
        Instant now = clock.instant();
        for (int i = 0; i < absent; i++) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("user", String.format(Locale.ROOT, "person%05d@mjolby.se", i * 31))
                    .put("start", now.minus(Duration.ofHours(1)).toString())
                    .put("end", now.plus(Duration.ofDays(i % 2 == 0 ? 7 : 1)).toString());
            if (i % 2 == 0) {
                body.put("delegate", String.format(Locale.ROOT, "person%05d@mjolby.se", i * 31 + 1));
            }
            absences.service().create(admin, body);
        }
    }
}
