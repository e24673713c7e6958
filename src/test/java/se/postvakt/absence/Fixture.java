package se.postvakt.absence;

import se.postvakt.support.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.postvakt.audit.AuditLog;
import se.postvakt.auth.Principal;
import se.postvakt.auth.Role;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicyRepository;
import se.postvakt.policy.PolicySchema;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.Json;

/**
 * The absence feature on a real database (a fresh H2 by default) with an {@link InMemoryGraph} and a clock the
 * test moves. Passes only run when the test asks. {@link #restart()} builds new objects over the same database, as
 * a process restart would.
 */
final class Fixture implements AutoCloseable {
    /** Monday 30 November 2026, 09:00 in Stockholm. */
    static final Instant MONDAY_9 = Instant.parse("2026-11-30T08:00:00Z");

    final MutableClock clock = new MutableClock(MONDAY_9);
    final InMemoryGraph graph;
    final Database db;
    final Sql sql;
    final PolicyStore policy;
    final AuditLog audit;
    private final boolean postgres;
    private final int parallelism;
    Absences absences;

    Fixture() {
        this(new InMemoryGraph(), "jdbc:h2:mem:abs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", 1);
    }

    Fixture(InMemoryGraph graph, String url, String dbUser, int parallelism) {
        this.graph = graph;
        this.db = Database.open(url, dbUser, "");
        this.postgres = db.isPostgres();
        this.parallelism = parallelism;
        this.sql = new Sql(db.dataSource());
        this.policy = new PolicyStore(new PolicyRepository(sql), PolicySchema.standard(List.of("mjolby.se")), clock,
                Duration.ZERO);
        this.audit = new AuditLog(sql, clock);
        this.absences = build();
        graph.user("anna.svensson@mjolby.se", "Anna Svensson").user("bo.nilsson@mjolby.se", "Bo Nilsson")
                .user("chef@mjolby.se", "Chef Chefsson").user("cecilia.ek@mjolby.se", "Cecilia Ek")
                .manager("anna.svensson@mjolby.se", "chef@mjolby.se").manager("bo.nilsson@mjolby.se", "chef@mjolby.se");
    }

    private Absences build() {
        return Absences.create(sql, postgres, graph, policy, audit, clock, null, parallelism);
    }

    /** New service and reconciler over the same database and Graph, as after a crash and restart. */
    void restart() {
        absences.close();
        absences = build();
    }

    AbsenceService service() {
        return absences.service();
    }

    Reconciler.Summary pass() {
        return absences.reconciler().runPass(Duration.ofSeconds(5));
    }

    static Principal staff(String upn) {
        return new Principal("oid-" + upn, upn, upn, Set.of(Role.STAFF));
    }

    static Principal manager(String upn) {
        return new Principal("oid-" + upn, upn, upn, Set.of(Role.STAFF, Role.MANAGER));
    }

    static Principal admin(String upn) {
        return new Principal("oid-" + upn, upn, upn, Set.of(Role.STAFF, Role.ADMIN));
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Registers an absence for {@code user} from {@code start} to {@code end}, as the user. */
    AbsenceService.View register(String user, Instant start, Instant end, String delegate) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("user", user).put("start", start.toString()).put("end", end.toString())
                .put("reason", "föräldraledighet (hemligt)");
        if (delegate != null) {
            body.put("delegate", delegate);
        }
        return service().create(staff(user), body);
    }

    /** Changes one policy field, as IT would through the editor. */
    void policy(String path, Object value) {
        PolicyDocument cur = policy.current();
        ObjectNode doc = cur.toJson();
        ObjectNode node = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], Json.MAPPER.valueToTree(value));
        policy.update(doc, "it@mjolby.se");
    }

    @Override
    public void close() {
        absences.close();
        db.close();
    }
}
