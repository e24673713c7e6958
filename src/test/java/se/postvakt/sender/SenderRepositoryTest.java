package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.sender.SenderRepository.DailyKey;

/** Reports and daily counts on H2 (PostgreSQL mode) and on the real PostgreSQL when it is reachable. */
class SenderRepositoryTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    /** A fresh database: H2 in memory, or an own schema in PostgreSQL that is dropped afterwards. */
    private record Db(Database db, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            cleanup.run();
        }
    }

    private static Db open(String kind) {
        if (kind.equals("h2")) {
            return new Db(Database.open("jdbc:h2:mem:snd-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", ""), () -> { });
        }
        String schema = "sender_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG + "?connectTimeout=2", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
        }
        return new Db(Database.open(PG + "?currentSchema=" + schema, "postgres", ""), () -> {
            try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static SenderReport report(Instant at, String from) {
        return new SenderReport(0, at, "anna@mjolby.se", "<id@x>", from, "Namn", List.of("lookalike-domain",
                "auth-failed"), "kommentar", false, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void reports_are_stored_listed_newest_first_and_paged(String kind) {
        try (Db d = open(kind)) {
            SenderRepository repo = new SenderRepository(new Sql(d.db().dataSource()));
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            for (int i = 0; i < 5; i++) {
                repo.insert(report(t0.plusSeconds(86_400L * i), "x" + i + "@mjolbyy.se"));
            }
            List<SenderReport> all = repo.list(null, null, null, 10);
            assertEquals(5, all.size());
            assertEquals("x4@mjolbyy.se", all.get(0).fromAddress());
            assertEquals(List.of("lookalike-domain", "auth-failed"), all.get(0).reasons());
            assertEquals(t0.plusSeconds(86_400L * 4), all.get(0).reportedAt());
            List<SenderReport> page2 = repo.list(null, null, all.get(1).id(), 2);
            assertEquals(List.of("x2@mjolbyy.se", "x1@mjolbyy.se"), page2.stream().map(SenderReport::fromAddress).toList());
            List<SenderReport> window = repo.list(t0.plusSeconds(86_400), t0.plusSeconds(86_400 * 3), null, 10);
            assertEquals(2, window.size());
            repo.markMailed(all.get(0).id(), true, null);
            assertTrue(repo.list(null, null, null, 1).get(0).mailed());
            assertFalse(repo.list(null, null, null, 2).get(1).mailed());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void daily_counts_add_up_across_flushes(String kind) {
        try (Db d = open(kind)) {
            SenderRepository repo = new SenderRepository(new Sql(d.db().dataSource()));
            LocalDate day = LocalDate.of(2026, 3, 1);
            repo.addDaily(Map.of(new DailyKey(day, "ok", ""), 3L, new DailyKey(day, "suspicious", "lookalike-domain"), 1L));
            repo.addDaily(Map.of(new DailyKey(day, "ok", ""), 2L));
            List<SenderRepository.DailyCount> rows = repo.daily(day, day);
            assertEquals(List.of(new SenderRepository.DailyCount(day, "ok", "", 5),
                    new SenderRepository.DailyCount(day, "suspicious", "lookalike-domain", 1)), rows);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void stats_count_in_memory_and_flush_by_verdict_and_reason(String kind) {
        try (Db d = open(kind)) {
            SenderRepository repo = new SenderRepository(new Sql(d.db().dataSource()));
            Clock clock = Clock.fixed(Instant.parse("2026-03-01T23:30:00Z"), ZoneOffset.UTC);
            SenderStats stats = new SenderStats(repo, clock, () -> ZoneId.of("Europe/Stockholm"), 3600);
            SenderCheck check = new SenderCheck(() -> DetectorTables.RULES);
            for (int i = 0; i < 3; i++) {
                stats.record(check.check(SenderInput.of("a@mjolbyy.se", "", List.of(), null), false));
            }
            stats.record(check.check(SenderInput.of("a@mjolby.se", "", List.of(), null), false));
            stats.close();
            LocalDate stockholmDay = LocalDate.of(2026, 3, 2);
            assertEquals(List.of(new SenderRepository.DailyCount(stockholmDay, "ok", "", 1),
                    new SenderRepository.DailyCount(stockholmDay, "suspicious", "", 3),
                    new SenderRepository.DailyCount(stockholmDay, "suspicious", "lookalike-domain", 3)),
                    repo.daily(stockholmDay, stockholmDay));
        }
    }
}
