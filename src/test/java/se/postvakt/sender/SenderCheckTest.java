package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.postvakt.db.Database;
import se.postvakt.db.Sql;
import se.postvakt.policy.PolicyRepository;
import se.postvakt.policy.PolicySchema;
import se.postvakt.policy.PolicyStore;

/** Verdicts from combined findings, and rules that follow the staff directory. */
class SenderCheckTest {
    private static final String FAIL = "Authentication-Results: spf=fail smtp.mailfrom=%1$s; dkim=none;dmarc=fail "
            + "action=oreject header.from=%1$s;compauth=fail reason=000\r\n";

    @ParameterizedTest(name = "{0} ''{1}'' is {3}")
    @CsvSource(delimiter = '|', value = {
            "anna.lindqvist@mjolby.se | Anna Lindqvist | pass | ok",
            "kommundirektor@mjolby.se | Kommundirektör | fail | dangerous",
            "it@mjolbyy.se | IT | pass | suspicious",
            "it@mjolbyy.se | IT | fail | dangerous",
            "x@gmail.com | Kalle Karlsson | pass | ok",
            "x@gmail.com | Kalle Karlsson | fail | suspicious",
            "x@gmail.com | Mjölby kommun | pass | suspicious",
            "ordforande@mjolbyschackklubb.se | Mjölby Schackklubb | pass | ok",
            "@@@ | x | pass | suspicious",
            "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=anna | Anna | none | ok"
    })
    void verdict_follows_the_most_serious_reason(String from, String name, String auth, String verdict) {
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "x";
        String headers = auth.equals("fail") ? String.format(FAIL, domain) : auth.equals("pass")
                ? "Authentication-Results: spf=pass; dkim=pass header.d=" + domain + "; dmarc=pass header.from=" + domain : null;
        SenderCheck.Result r = new SenderCheck(() -> DetectorTables.RULES).check(SenderInput.of(from, name, List.of(), headers), false);
        assertEquals(verdict, r.verdict().wire(), r.toString());
    }

    @Test
    void rules_are_rebuilt_when_the_staff_directory_changes() {
        AtomicLong version = new AtomicLong(1);
        List<List<StaffDirectory.Person>> people = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(List.of()));
        StaffDirectory staff = new StaffDirectory() {
            @Override
            public List<StaffDirectory.Person> people() {
                return people.get(0);
            }

            @Override
            public long version() {
                return version.get();
            }
        };
        try (Database db = Database.open("jdbc:h2:mem:rules-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "")) {
            PolicyStore store = new PolicyStore(new PolicyRepository(new Sql(db.dataSource())),
                    PolicySchema.standard(List.of("mjolby.se")), Clock.systemUTC(), Duration.ofSeconds(2));
            rebuilds(store, staff, people, version);
        }
    }

    private static void rebuilds(PolicyStore store, StaffDirectory staff, List<List<StaffDirectory.Person>> people,
                                 AtomicLong version) {
        SenderCheck check = new SenderCheck(new SenderRulesSource(store, staff));
        SenderInput in = SenderInput.of("nils.nilsson@gmail.com", "Nils Nilsson", List.of(), null);
        assertEquals(Verdict.OK, check.check(in, false).verdict());
        people.set(0, List.of(new StaffDirectory.Person("Nils Nilsson", "nils.nilsson@mjolby.se")));
        assertEquals(Verdict.OK, check.check(in, false).verdict());
        version.incrementAndGet();
        assertEquals(List.of("staff-name-impersonation"), check.check(in, false).reasons().stream()
                .map(SenderCheck.Reason::code).toList());
    }
}
