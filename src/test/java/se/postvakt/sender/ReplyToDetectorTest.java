package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyToDetectorTest {
    @ParameterizedTest(name = "{0} replying to {1} is {2}")
    @CsvSource({
            "ekonomi@mjolby.se, ekonomi.mjolby@gmail.com, freemail",
            "kontakt@linkoping.se, kontakt@linkoping-kommun.net, lookalike",
            "lon@mjolby.se, payroll@example.org, unrelated",
            "x@example.org, svar@mjolbyy.se, lookalike",
            "registrator@mjolby.se, a@mjoIby.se, lookalike"
    })
    void reply_to_leading_away_is_found(String from, String replyTo, String kind) {
        List<Finding> f = DetectorTables.run(new ReplyToDetector(), from, "", List.of(replyTo), null);
        assertEquals(List.of("reply-to-mismatch"), DetectorTables.codes(f), f.toString());
        assertEquals(kind, f.get(0).detail().get("kind"));
    }

    @org.junit.jupiter.api.Test
    void a_reply_to_leading_away_is_found_behind_many_own_ones() {
        List<String> replyTo = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replyTo.add("svar" + i + "@mjolby.se");
        }
        replyTo.add("ekonomi.mjolby@gmail.com");
        List<Finding> f = DetectorTables.run(new ReplyToDetector(), "ekonomi@mjolby.se", "", replyTo, null);
        assertEquals(List.of("reply-to-mismatch"), DetectorTables.codes(f), f.toString());
        assertEquals("freemail", f.get(0).detail().get("kind"));
    }

    @ParameterizedTest(name = "{0} replying to {1} is fine")
    @CsvSource({
            "registrator@linkoping.se, kontaktcenter@linkoping.se",
            "it-support@mjolby.se, servicedesk@mjolby.se",
            "nyhetsbrev@mjolby.se, info@e-tjanster.mjolby.se",
            "info@mjolby.se, kontakt@regionostergotland.se",
            "x@gmail.com, y@hotmail.com",
            "nyhetsbrev@kivra.com, support@kivra-help.com",
            "x@gmail.com, @@@"
    })
    void reply_to_within_the_organisation_or_from_outsiders_is_fine(String from, String replyTo) {
        assertEquals(List.of(), DetectorTables.run(new ReplyToDetector(), from, "", List.of(replyTo), null));
    }
}
