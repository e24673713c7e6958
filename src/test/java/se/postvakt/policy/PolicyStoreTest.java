package se.postvakt.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.support.MutableClock;
import se.postvakt.support.Postgres;
import se.postvakt.web.ApiException;

/** The policy store on H2 and on the real PostgreSQL: migrations, defaults, validation, locking, history. */
class PolicyStoreTest {
    interface Db extends AutoCloseable {
        Database open();

        @Override
        void close();
    }

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    static Db db(String kind) {
        if (kind.equals("h2")) {
            String url = "jdbc:h2:mem:policy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            return new Db() {
                public Database open() {
                    return Database.open(url, "", "");
                }

                public void close() {
                }
            };
        }
        Postgres pg = Postgres.fresh();
        return new Db() {
            public Database open() {
                return Database.open(pg.url(), pg.user(), "");
            }

            public void close() {
                pg.close();
            }
        };
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

    private PolicyStore store(Database database) {
        return new PolicyStore(new PolicyRepository(new Sql(database.dataSource())), PolicySchema.standard(List.of("mjolby.se")),
                clock, Duration.ofMillis(200));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migrations_run_and_first_run_stores_the_defaults(String kind) {
        try (Db d = db(kind); Database database = d.open()) {
            assertTrue(database.ready());
            PolicyDocument doc = store(database).current();
            assertEquals(1, doc.version());
            assertEquals(10L * 1024 * 1024, doc.getLong("attachments.warnBytes"));
            assertEquals(20L * 1024 * 1024, doc.getLong("attachments.warnTotalBytes"));
            assertEquals(25, doc.getInt("audience.warnRecipients"));
            assertEquals(List.of("mjolby.se"), doc.getList("domains.internal"));
            assertEquals(List.of(), doc.getList("domains.trusted"));
            assertEquals(2, doc.getInt("absence.delegateAfterDays"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_valid_change_is_stored_with_who_and_when_and_history_shows_the_diff(String kind) {
        try (Db d = db(kind); Database database = d.open()) {
            PolicyStore store = store(database);
            ObjectNode doc = store.current().toJson();
            ((ObjectNode) doc.get("attachments")).put("warnBytes", 5 * 1024 * 1024);
            ((ObjectNode) doc.get("domains")).putArray("trusted").add("Linkoping.SE");
            clock.advance(Duration.ofMinutes(1));
            PolicyDocument saved = store.update(doc, "it.admin@mjolby.se");
            assertEquals(2, saved.version());
            assertEquals(List.of("linkoping.se"), saved.getList("domains.trusted"), "domains are normalised");
            List<PolicyStore.Change> history = store.history(10);
            assertEquals(2, history.size());
            PolicyStore.Change latest = history.get(0);
            assertEquals("it.admin@mjolby.se", latest.changedBy());
            assertEquals(1, latest.previousVersion());
            assertEquals("2026-11-29T08:01:00Z", latest.changedAt());
            assertEquals(List.of("attachments.warnBytes", "domains.trusted"), latest.changes().stream().map(PolicyStore.Difference::path).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_rejected_change_names_each_bad_field_and_alters_nothing(String kind) {
        try (Db d = db(kind); Database database = d.open()) {
            PolicyStore store = store(database);
            PolicyDocument before = store.current();
            ObjectNode doc = before.toJson();
            ((ObjectNode) doc.get("attachments")).put("warnBytes", -1);
            ((ObjectNode) doc.get("audience")).put("warnRecipients", "many");
            ((ObjectNode) doc.get("domains")).putArray("internal").add("not a domain");
            ((ObjectNode) doc.get("personnummer")).put("severity", "loud");
            doc.putObject("nonsense").put("x", 1);
            ApiException e = assertThrows(ApiException.class, () -> store.update(doc, "it.admin@mjolby.se"));
            assertEquals(400, e.status());
            List<String> fields = e.errors().stream().map(ApiException.FieldError::field).toList();
            assertEquals(List.of("nonsense", "attachments.warnBytes", "audience.warnRecipients", "domains.internal[0]",
                    "personnummer.severity"), fields);
            clock.advance(Duration.ofSeconds(1));
            assertEquals(before.toJson(), store.current().toJson());
            assertEquals(1, store.history(10).size());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_stale_version_is_a_conflict(String kind) {
        try (Db d = db(kind); Database database = d.open()) {
            PolicyStore store = store(database);
            ObjectNode v1 = store.current().toJson();
            store.update(v1, "first@mjolby.se");
            ApiException e = assertThrows(ApiException.class, () -> store.update(v1, "second@mjolby.se"));
            assertEquals(409, e.status());
            assertTrue(e.getMessage().contains("first@mjolby.se"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_change_on_one_instance_reaches_another_within_the_cache_time(String kind) throws Exception {
        try (Db d = db(kind); Database database = d.open()) {
            PolicyStore one = store(database);
            PolicyStore two = store(database);
            assertEquals(1, two.current().version());
            one.update(one.current().toJson(), "it@mjolby.se");
            Thread.sleep(300);
            assertNotEquals(1, two.current().version());
        }
    }
}
