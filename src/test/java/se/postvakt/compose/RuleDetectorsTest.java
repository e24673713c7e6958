package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.postvakt.compose.ComposeRequest.Attachment;
import se.postvakt.compose.ComposeRequest.Recipient;
import se.postvakt.compose.ComposeRequest.RecipientType;

/** True-positive and false-positive tables for the rules other than personnummer, under the default policy. */
class RuleDetectorsTest {
    static final long MIB = 1024L * 1024L;

    // ---- confidential ----
    @ParameterizedTest
    @ValueSource(strings = {"Uppgiften omfattas av sekretess.", "SEKRETESS", "Handlingen är sekretessbelagd enligt 26 kap. OSL",
        "Eleven har skyddad identitet.", "Sekretessen gäller i 70 år.", "Se offentlighets- och sekretesslagen."})
    void confidential_words_are_found(String body) {
        List<Finding> f = DetectorFixture.run(new ConfidentialDetector(), DetectorFixture.text(null, body));
        assertEquals(1, f.size(), body);
        assertEquals(Severity.WARN, f.get(0).severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Vi ses i Oslo på måndag.", "Möte om posläget", "Hej, allt väl?", "Bosse skickar protokollet."})
    void confidential_does_not_fire_on_ordinary_text(String body) {
        assertEquals(List.of(), DetectorFixture.run(new ConfidentialDetector(), DetectorFixture.text(body, body)));
    }

    @Test
    void confidential_offsets_point_into_raw_html_and_the_rule_can_be_switched_off() {
        String html = "<p>Omfattas av <b>sekretess</b></p>";
        Finding f = DetectorFixture.run(new ConfidentialDetector(), DetectorFixture.html(html)).get(0);
        Finding.Match m = f.matches().get(0);
        assertEquals("Omfattas av <b>sekretess", html.substring(m.start(), m.end()), "the longest phrase, tags included");
        assertEquals(List.of(), DetectorFixture.run(new ConfidentialDetector(), DetectorFixture.html(html),
                DetectorFixture.with("confidential", Severity.OFF)));
    }

    @Test
    void word_lists_share_one_pass_and_each_list_gets_its_longest_phrase() {
        PhraseMatcher m = new PhraseMatcher(List.of(List.of("sekretess", "omfattas av sekretess"), List.of("sekretess"), List.of()));
        char[] text = "Det omfattas av  SEKRETESS.".toCharArray();
        List<PhraseMatcher.Hit> hits = m.find(text, text.length, 10);
        assertEquals(2, hits.size(), hits.toString());
        assertEquals("omfattas av  SEKRETESS", new String(text, hits.get(0).start(), hits.get(0).end() - hits.get(0).start()));
        assertEquals(1, hits.get(0).lists());
        assertEquals("SEKRETESS", new String(text, hits.get(1).start(), hits.get(1).end() - hits.get(1).start()));
        assertEquals(2, hits.get(1).lists());
    }

    @Test
    void a_text_full_of_one_lists_phrases_does_not_hide_another_list() {
        String body = "Skicka vidare till alla! ".repeat(500) + "Uppgifterna är sekretessbelagda.";
        List<Finding> chain = DetectorFixture.run(new ChainLetterDetector(), DetectorFixture.text(null, body));
        assertEquals(WordRuleDetector.MAX_MATCHES, chain.get(0).matches().size());
        List<Finding> secret = DetectorFixture.run(new ConfidentialDetector(), DetectorFixture.text(null, body));
        assertEquals(1, secret.size(), "the confidential word after 500 chain-letter phrases");
        assertEquals(body.indexOf("sekretessbelagd"), secret.get(0).matches().get(0).start());
    }

    // ---- chain-letter ----
    @ParameterizedTest
    @ValueSource(strings = {"Skicka vidare till alla du känner!", "Forward this to 10 friends", "Bryt inte kedjan.",
        "Please   pass it on"})
    void chain_letter_phrases_are_found(String body) {
        List<Finding> f = DetectorFixture.run(new ChainLetterDetector(), DetectorFixture.text(null, body));
        assertEquals(1, f.size(), body);
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jag skickar underlaget till dig.", "Kedjan av händelser", "Vidare till punkt 3."})
    void chain_letter_does_not_fire_on_ordinary_text(String body) {
        assertEquals(List.of(), DetectorFixture.run(new ChainLetterDetector(), DetectorFixture.text(null, body)));
    }

    // ---- public-record ----
    @ParameterizedTest
    @ValueSource(strings = {"Beslut i ert ärende", "Här kommer yttrandet.", "Dnr KS/2017:145", "Bifogat protokoll.",
        "Delegationsbeslut enligt SoL"})
    void official_documents_to_external_recipients_get_a_reminder(String body) {
        List<Finding> f = DetectorFixture.run(new PublicRecordDetector(), DetectorFixture.text(null, body, "kund@gmail.com"));
        assertEquals(1, f.size(), body);
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void public_record_is_quiet_internally_for_ordinary_text_and_when_switched_off() {
        PublicRecordDetector d = new PublicRecordDetector();
        assertEquals(List.of(), DetectorFixture.run(d, DetectorFixture.text(null, "Beslut i ert ärende", "kollega@mjolby.se")));
        assertEquals(List.of(), DetectorFixture.run(d, DetectorFixture.text(null, "Tack för lunchen!", "kund@gmail.com")));
        assertEquals(List.of(), DetectorFixture.run(d, DetectorFixture.text(null, "Dnradering", "kund@gmail.com")));
        assertEquals(List.of(), DetectorFixture.run(d, DetectorFixture.text(null, "Beslut i ert ärende", "kund@gmail.com"),
                DetectorFixture.with("publicRecord", Severity.OFF)));
    }

    // ---- external-recipients ----
    @ParameterizedTest
    @CsvSource({"kund@gmail.com, 1", "a@mjolby.se;b@hotmail.com;c@x.org, 2", "A@GMAIL.COM;a@gmail.com, 1"})
    void recipients_outside_the_organisation_are_reported(String to, int count) {
        List<Finding> f = DetectorFixture.run(new ExternalRecipientsDetector(), DetectorFixture.text(null, "Hej", to.split(";")));
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(count, f.get(0).items().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@mjolby.se", "skola@edu.mjolby.se", "A@MJOLBY.SE"})
    void internal_recipients_are_not_external(String to) {
        assertEquals(List.of(), DetectorFixture.run(new ExternalRecipientsDetector(), DetectorFixture.text(null, "Hej", to)));
    }

    @Test
    void trusted_partner_domains_are_not_external_but_still_escalate_personnummer() {
        ComposeSettings s = DetectorFixture.with("trustedDomains", Set.of("region.se"));
        ComposeRequest r = DetectorFixture.text(null, "Pnr 850101-2382", "lakare@region.se");
        assertEquals(List.of(), DetectorFixture.run(new ExternalRecipientsDetector(), r, s));
        assertEquals(Severity.BLOCK, DetectorFixture.run(new PersonnummerDetector(), r, s).get(0).severity());
    }

    // ---- large-attachment ----
    @ParameterizedTest
    @CsvSource({
        "11, 0, false, 1",   // one file over 10 MB
        "9, 9, false, 0",    // 18 MB in all: under both limits
        "9, 12, true, 1",    // a large inline image
        "9, 9.5, true, 0",   // total over 20 MB? 18.5 MB: no
    })
    void large_attachments_by_file_and_total(double first, double second, boolean secondInline, int largeFiles) {
        ComposeRequest r = DetectorFixture.attachments(new Attachment("a", (long) (first * MIB), null, false),
                new Attachment("b", (long) (second * MIB), null, secondInline));
        List<Finding> f = DetectorFixture.run(new LargeAttachmentDetector(), r);
        assertEquals(largeFiles == 0 ? 0 : 1, f.size());
        if (largeFiles > 0) {
            assertEquals(largeFiles, f.get(0).items().size());
            assertTrue(f.get(0).message().contains("OneDrive"));
        }
    }

    @Test
    void total_over_the_limit_warns_and_names_inline_images_separately() {
        ComposeRequest r = DetectorFixture.attachments(new Attachment("a", 8 * MIB, null, false),
                new Attachment("b", 8 * MIB, null, false), new Attachment("c", 5 * MIB, null, true),
                new Attachment("d", null, null, false), null);
        Finding f = DetectorFixture.run(new LargeAttachmentDetector(), r).get(0);
        assertEquals(Severity.WARN, f.severity());
        assertEquals(List.of(), f.items());
        assertTrue(f.message().contains("tillsammans 21.0 MB, varav inbäddade bilder 5.0 MB"), f.message());
    }

    @Test
    void small_or_missing_sizes_do_not_warn() {
        assertEquals(List.of(), DetectorFixture.run(new LargeAttachmentDetector(),
                DetectorFixture.attachments(new Attachment("a", 1000L, null, null), new Attachment("b", null, null, null))));
    }

    // ---- large-audience ----
    static ComposeRequest to(RecipientType type, String... addresses) {
        List<Recipient> list = DetectorFixture.recipients(type, addresses);
        return new ComposeRequest(null, null, null, null, list, null, null, null, null);
    }

    static String[] people(int n) {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = "p" + i + "@mjolby.se";
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"25, 0", "26, 1"})
    void more_recipients_than_the_limit_warn(int count, int findings) {
        assertEquals(findings, DetectorFixture.run(new LargeAudienceDetector(GroupSizeLookup.UNKNOWN),
                to(RecipientType.USER, people(count))).size());
    }

    @Test
    void to_cc_and_bcc_count_together_and_duplicates_once() {
        List<Recipient> ten = DetectorFixture.recipients(RecipientType.USER, people(10));
        ComposeRequest r = new ComposeRequest(null, null, null, null, ten, ten,
                DetectorFixture.recipients(RecipientType.USER, java.util.Arrays.copyOfRange(people(40), 10, 40)), null, null);
        Finding f = DetectorFixture.run(new LargeAudienceDetector(GroupSizeLookup.UNKNOWN), r).get(0);
        assertTrue(f.message().contains("40 mottagare"), f.message());
    }

    @Test
    void a_group_counts_by_its_member_count_when_known() {
        GroupSizeLookup sizes = (sender, addresses) -> Map.of("alla@mjolby.se", 300);
        Finding f = DetectorFixture.run(new LargeAudienceDetector(sizes), to(RecipientType.DISTRIBUTION_LIST, "alla@mjolby.se")).get(0);
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.message().contains("300 mottagare"), f.message());
        assertEquals(List.of(), DetectorFixture.run(new LargeAudienceDetector((s, a) -> Map.of("liten@mjolby.se", 5)),
                to(RecipientType.GROUP, "liten@mjolby.se")));
    }

    @Test
    void a_group_of_unknown_size_gives_an_info_finding_and_allowed_groups_nothing() {
        Finding f = DetectorFixture.run(new LargeAudienceDetector(GroupSizeLookup.UNKNOWN), to(RecipientType.GROUP, "alla@mjolby.se")).get(0);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("gruppadress"));
        Finding many = DetectorFixture.run(new LargeAudienceDetector(GroupSizeLookup.UNKNOWN),
                to(RecipientType.GROUP, people(150))).stream().filter(x -> x.severity() == Severity.INFO).findFirst().orElseThrow();
        assertEquals(ExternalRecipientsDetector.MAX_ITEMS, many.items().size(), "items are capped");
        assertTrue(many.message().startsWith("150 gruppadresser"), "the message counts them all: " + many.message());
        GroupSizeLookup big = (sender, addresses) -> {
            assertTrue(((Collection<String>) addresses).isEmpty(), "allowed groups are not looked up");
            return Map.of();
        };
        assertEquals(List.of(), DetectorFixture.run(new LargeAudienceDetector(big), to(RecipientType.GROUP, "alla@mjolby.se"),
                DetectorFixture.with("allowedGroups", Set.of("alla@mjolby.se"))));
    }

    @Test
    void a_failing_group_lookup_counts_as_unknown_sizes() {
        GroupSizeLookup broken = (sender, addresses) -> {
            throw new IllegalStateException("graph down");
        };
        Finding f = DetectorFixture.run(new LargeAudienceDetector(broken), to(RecipientType.GROUP, "alla@mjolby.se")).get(0);
        assertEquals(Severity.INFO, f.severity());
    }
}
