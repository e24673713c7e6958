package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;

/** The daily counts written through the MERGE upserts, on H2 and on the real PostgreSQL when it is there. */
class ComposeStatsTest {
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    static final LocalDate DAY = LocalDate.of(2026, 11, 29);

    static Finding finding(String rule, Severity s) {
        return new Finding(rule, s, "body", null, null, "m", "ref");
    }

    static void exercise(Database db) throws Exception {
        ComposeStatsRepository repo = new ComposeStatsRepository(new Sql(db.dataSource()));
        ComposeStats stats = new ComposeStats(repo, 0);
        stats.record(DAY, Severity.WARN, List.of(finding("personnummer", Severity.WARN), finding("external-recipients", Severity.INFO)));
        stats.record(DAY, Severity.OFF, List.of());
        stats.flush();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1000; i++) {
            pool.submit(() -> stats.record(DAY, Severity.BLOCK, List.of(finding("personnummer", Severity.BLOCK))));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        stats.record(DAY.plusDays(1), Severity.OFF, List.of());
        stats.close();
        assertEquals(List.of(new ComposeStatsRepository.Day(DAY, 1002, 1, 1000), new ComposeStatsRepository.Day(DAY.plusDays(1), 1, 0, 0)),
                repo.days(DAY, DAY.plusDays(1)));
        assertEquals(List.of(new ComposeStatsRepository.RuleDay(DAY, "external-recipients", "info", 1),
                new ComposeStatsRepository.RuleDay(DAY, "personnummer", "block", 1000),
                new ComposeStatsRepository.RuleDay(DAY, "personnummer", "warn", 1)), repo.rules(DAY, DAY));
    }

    @Test
    void counts_add_up_per_day_rule_and_severity_on_h2() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:stats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "")) {
            exercise(db);
        }
    }

    @Test
    void counts_add_up_per_day_rule_and_severity_on_postgresql() throws Exception {
        String schema = "compose_stats_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL is not reachable: " + e.getMessage());
        }
        try (Database db = Database.open(PG + "?currentSchema=" + schema, "postgres", "")) {
            exercise(db);
        } finally {
            try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
