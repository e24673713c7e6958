package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookalikeDomainDetectorTest {
    private static final LookalikeDomainDetector DETECTOR = new LookalikeDomainDetector();

    @ParameterizedTest(name = "{0} resembles {2} ({1}, {3})")
    @CsvSource({
            "a@mjolbyy.se, lookalike-domain, mjolby.se, typo",
            "a@mjoby.se, lookalike-domain, mjolby.se, typo",
            "a@mjlоby.se, homoglyph-domain, mjolby.se, idn-homoglyph",
            "a@mjolyb.se, lookalike-domain, mjolby.se, typo",
            "a@mjoolby.se, lookalike-domain, mjolby.se, typo",
            "a@mjalby.se, lookalike-domain, mjolby.se, typo",
            "a@ljolby.se, lookalike-domain, mjolby.se, typo",
            "a@skatteverkte.se, lookalike-domain, skatteverket.se, typo",
            "a@skateverkett.se, lookalike-domain, skatteverket.se, typo",
            "a@mjolby.com, lookalike-domain, mjolby.se, other-tld",
            "a@linkoping.nu, lookalike-domain, linkoping.se, other-tld",
            "a@m-jolby.se, lookalike-domain, mjolby.se, hyphenation",
            "a@mjolby-se.com, lookalike-domain, mjolby.se, domain-in-name",
            "a@mjolby-kommun.se, lookalike-domain, mjolby.se, name-with-words",
            "a@it-mjolby.se, lookalike-domain, mjolby.se, name-with-words",
            "a@servicemotala.se, lookalike-domain, motala.se, name-with-words",
            "a@loggain-skatteverket.com, lookalike-domain, skatteverket.se, name-with-words",
            "a@mjolby.se.secure-login.com, brand-in-other-domain, mjolby.se, subdomain",
            "a@linkoping-se.example.net, brand-in-other-domain, linkoping.se, subdomain",
            "a@rnjolby.se, homoglyph-domain, mjolby.se, confusable-letters",
            "a@m\u0458olby.se, homoglyph-domain, mjolby.se, idn-homoglyph",
            "a@xn--njolb-uva.se, homoglyph-domain, mjolby.se, idn-homoglyph",
            "a@xn--mjol-ocb0336b.se, homoglyph-domain, mjolby.se, idn-homoglyph",
            "a@xn--lnkopinq-u2a.se, homoglyph-domain, linkoping.se, idn-homoglyph",
            "a@xn--177-tta.se, homoglyph-domain, 1177.se, idn-homoglyph",
            "a@mjölby.se, homoglyph-domain, mjolby.se, idn-homoglyph",
            "a@rcgion0stcrg0tland.se, homoglyph-domain, regionostergotland.se, confusable-letters",
            "a@117.se, lookalike-domain, 1177.se, typo",
            "a@mjo.lby.se, lookalike-domain, mjolby.se, split-name",
            "a@m.jolby.se, lookalike-domain, mjolby.se, typo",
            "a@mjolby.se.se, brand-in-other-domain, mjolby.se, subdomain"
    })
    void lookalikes_of_own_and_trusted_domains_are_found(String address, String code, String resembles, String technique) {
        List<Finding> f = DetectorTables.run(DETECTOR, address, "", List.of(), null);
        assertEquals(1, f.size(), f.toString());
        assertEquals(code, f.get(0).code(), f.toString());
        assertEquals(resembles, f.get(0).detail().get("resembles"));
        assertEquals(technique, f.get(0).detail().get("technique"), f.toString());
    }

    @ParameterizedTest(name = "{0} is not a look-alike")
    @CsvSource({
            "a@mjolby.se", "a@MJOLBY.SE", "a@e-tjanster.mjolby.se", "a@mail.regionostergotland.se",
            "a@linkoping.se", "a@gmail.com", "a@hotmail.com", "a@skr.se", "a@scb.se", "a@kivra.com",
            "a@jonkoping.se", "a@boverket.se", "a@skolverket.se", "a@inera.se", "a@microsoft.com",
            "a@norrkoping.se", "a@vadstena.se", "a@bredband.net", "a@vatternsredovisning.se"
    })
    void own_partner_and_unrelated_domains_are_not_lookalikes(String address) {
        assertEquals(List.of(), DetectorTables.run(DETECTOR, address, "", List.of(), null));
    }

    @org.junit.jupiter.api.Test
    void a_legitimate_domain_that_it_lists_is_not_a_lookalike_but_its_own_lookalikes_are() {
        // Lidköpings kommun is one letter from the trusted partner Linköping
        List<Finding> before = DetectorTables.run(DETECTOR, "registrator@lidkoping.se", "", List.of(), null);
        assertEquals(List.of("lookalike-domain"), DetectorTables.codes(before));
        SenderRules listed = SenderRules.of(List.of("mjolby.se"), List.of("linkoping.se"), List.of(), List.of(),
                List.of("gmail.com"), List.of("lidkoping.se"), List.of());
        assertEquals(List.of(), run(listed, "registrator@lidkoping.se"));
        assertEquals(List.of(), run(listed, "noreply@e-tjanst.lidkoping.se"));
        assertEquals(List.of("lookalike-domain"), DetectorTables.codes(run(listed, "registrator@linkopping.se")));
        assertEquals(List.of("lookalike-domain"), DetectorTables.codes(run(listed, "a@mjolbyy.se")));
    }

    private static List<Finding> run(SenderRules rules, String address) {
        List<Finding> out = new java.util.ArrayList<>();
        DETECTOR.inspect(SenderInput.of(address, "", List.of(), null), rules, out);
        return out;
    }

    @ParameterizedTest(name = "{0} only mentions the name")
    @CsvSource({"a@mjolbyschackklubb.se", "a@mjolbyror-vvs.se", "a@mjolbyhem.se", "a@linkopingsuniversitet.se"})
    void local_bodies_named_after_the_town_are_information_only(String address) {
        List<Finding> f = DetectorTables.run(DETECTOR, address, "", List.of(), null);
        assertEquals(List.of("brand-in-other-domain"), DetectorTables.codes(f));
        assertEquals(Severity.INFO, f.get(0).severity());
    }
}
