package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * True positives (the marked number, between « and », must be found with exactly those offsets) and false positives
 * (nothing may be found). Numbers are Skatteverket test numbers; phone look-alikes pass Luhn and the date check.
 */
class PersonnummerDetectorTest {
    static final PersonnummerDetector DETECTOR = new PersonnummerDetector();

    /** Runs the detector on text with a «marked» number and checks it is found with exactly those offsets. */
    private static void assertFinds(String marked, boolean html) {
        int start = marked.indexOf('«');
        int end = marked.indexOf('»') - 1;
        String body = marked.replace("«", "").replace("»", "");
        List<Finding> found = DetectorFixture.run(DETECTOR, html ? DetectorFixture.html(body) : DetectorFixture.text(null, body));
        assertEquals(1, found.size(), body);
        assertTrue(found.get(0).matches().stream().anyMatch(m -> m.start() == start && m.end() == end),
                body + " -> " + found.get(0).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Elevens personnummer är «850101-2382».",
        "«850101-2382»",
        "Pnr: «8501012382»",
        "Sökande «198501012382» har kompletterat.",
        "Sökande «19850101-2382» har kompletterat.",
        "Sökande «850101–2382» (en dash från Word).",
        "Sökande «850101 2382» (med mellanslag).",
        "Sökande «850101\u00a02382» (hårt mellanslag).",
        "Sökande «19850101 2382» (med mellanslag).",
        "Dödsboanmälan gällande Alva Fransson, «061010+9811», är upprättad.",
        "Samordningsnummer «701063-2391» för den sökande.",
        "Kolla «0411112386» i Procapita innan mötet.",
        "Namn\tPersonnummer\tKlass\tVårdnadshavare tel.\nAisha Karlsson\t«1212022394»\t9B\t070-921 04 83",
        "Namn\tPersonnummer\tTelefon\nLena Sandberg\t«0608022398»\t0709210483",
        "> > Hushållet består av:\n> > - Ali Henriksson, «050626-2393»",
        "Mobil: 070-123 45 67, personnummer «0702152380»",
        "Hen har fått samordningsnummer:«197504772380»",
        "ID-nummer (personnummer) «001113-2388», kortet giltigt till 2027-01-01.",
        "Mattias Ström «1302272396» trots att vi sa upp platsen.",
        "Rätt pers.nr är «030622-2399», inte det som står i ansökan.",
        "Lista:\nSaga Ström «0611192386»\nAmina Jonsson 201006032393",
        "Personnummer:\n«0702152380»",
        "Barnet Alva «0601012388» har börjat i förskoleklass.\nRing mig på 070-123 45 67",
        "Kundnummer 4471, personnummer «8501012382».",                      // the keyword is nearer than the label
        "Fakturanummer: «850101-2382»",                                     // a separator is a personnummer's form
        "Kundnummer: «198501012382»",                                       // twelve digits: the number itself
        "Gäller «8501012382» kronologiskt sorterat",                        // a word starting like a currency
        "Kontakta skolan om «0601012388» inte kommer i morgon.",            // "kontakta" not right before
        "Elev: Saga Ström, «0601012388»",                                   // a line naming the pupil, not a contact
        "Elever med personnummer:\nSaga Ström «0601012388»\nBo Ek «0411112386»", // a list under an identity heading
        "Vårdnadshavare: Wilma Eklund, personnummer «0702152380»",         // the keyword wins
        "Fakturan för barnomsorg gäller «0601012388».",                     // a document noun further away
        "Namn\tPersonnummer\tKundnummer\nSaga Ström\t«0601012388»\t4471",   // the personnummer column
        "Titta på «0601012388» i systemet.",                                // "på" without someone reached on it
        "Elev:\n«0702152380»\nKlass 9B",                                   // alone on its line, no e-mail below
    })
    void numbers_used_as_identity_numbers_are_found_in_text(String marked) {
        assertFinds(marked, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<p>Pnr «850101-238&#50;»</p>",                                     // the last digit as an entity
        "<p>Elevens personnummer är «850101-2382».</p>",
        "<p>Sökande <b>«850101&#8211;2382»</b></p>",
        "<p>Sökande «850101&nbsp;2382»</p>",
        "<div><span style=\"color:#1F3864\">Pnr: «8501012382»</span></div>",
        "<style>p { font: 10pt }</style><!-- 850101-2382 --><p>Bara «850101-2382» syns</p>",
        "<table><tr><td>Namn</td><td>Personnummer</td><td>Mobil</td></tr>"
            + "<tr><td><p>Saga</p></td><td><p class=\"MsoNormal\">«0611192386»<o:p></o:p></p></td><td>0709210483</td></tr></table>",
        "<blockquote><div dir=\"ltr\">Barnet «131005-2384» börjar i klass 7.</div></blockquote>",
        "<p title=\"a > b\">Personnummer «19850101-2382»</p>",
    })
    void numbers_in_html_are_judged_by_visible_text_and_reported_in_raw_offsets(String marked) {
        assertFinds(marked, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Personnumret 971102-2397 som angavs i ansökan är fel.",          // wrong check digit
        "Hej, vi fick in 781197-0842 som personnummer.",                    // impossible date
        "Systemet larmar på numret 000424-0008.",                           // birth number 000
        "Personnummer 850101-XXXX, 19xxxxxx-xx82 och 850101-****.",         // masked
        "Vårt organisationsnummer är 212000-0142.",                         // month 20 or more
        "Organisationsnummer i arbetsgivardeklarationen: 16212000-0142.",   // 16-prefixed
        "Momsreg.nr SE212000014201",                                        // VAT
        "Mobil: 0702152380",
        "Mobil:  0702152380\nTelefon: 0142-858 62",
        "Ring gärna 0707182390 efter lunch.",
        "Klienten vill bli uppringd på 0709052393 efter kl. 15.",
        "Hej, jag har fått nytt mobilnummer: 0707232393.",
        "Jourtelefon: 0706272382. Växeln 0142-854 69.",
        "Mobil: 070-611 23 98",                                             // phone grouping is not a personnummer form
        "Ring 070-8022397",
        "+46 0702152380",
        "Vecka 45: Agnes Yilmaz, 0703192385\nVecka 46: Rolf Lindström, 070-192 32 99",
        "Niklas Bergman: 0107042392\nMaria Pettersson: 0142-851 09",
        "Namn\tRoll\tTelefon\tMobil\nElin Bergman\tRektor\t0142-123 49\t0709242390",
        "Larmloggen visar händelse med tidsstämpel 1704132388 (unix).",
        "ts=1710212398 status=503",
        "{\"ts\": 1710212398, \"level\": \"warn\"}",
        "Direkt: 0702152380",
        "Tidpunkt: 1704132388",
        "Ni når mig på 0702152380 hela dagen.",
        "Exporten har tidsstämpeln 1709162380 i fältet created_at.",
        "OCR 21907705132392493",                                            // digits inside a longer run
        "Betala med OCR-nummer 6269707112380277.",
        "Avtalsperiod 850101-850131",                                       // compact date range
        "Referens 12-850101-2382",
        "Diarienummer KS/2017:145, beslut 2017-04-24",
        "Beloppet är 8 501 012 382 kr.",
        "Postadress 595 80 Mjölby",
        "IBAN: SE4980055592968051636511",
        "Protokollet från sammanträdet 180719 är justerat.",
        "Deltagare födda 20180214 placeras i grupp B.",
        "ABC8501012382",
        "8501012382abc",
        "1.8501012382",
        "Fakturanummer: 8501012382",                                        // labelled as another kind of number
        "Betala med OCR-nummer 8501012382 senast fredag.",
        "Kundnr 8501012382",
        "Dnr 8501012382 gäller bygglovet.",
        "Ert ordernummer är 8501012382.",
        "Beloppet 8501012382 kr är överfört.",                               // an amount
        "Totalt 8501012382 SEK",
        "Pris: 8501012382:-",
        "Hör av dig på 0702152380 om du undrar något.",                     // someone reached on it: a phone
        "Hon nås säkrast på 0702152380.",
        "Kontakta mig: 0702152380",
        "Anhörig: dottern Therese, 0702152380.\n\nInsatser: städ varannan vecka.",   // a contact person's number
        "Vårdnadshavare: Wilma Eklund, 0702152380",
        "Telefonlista jourhavande:\n\nVecka 48: Bengt Lundgren, 0702152380\nVecka 19: Daniel Danielsson, 0411112386",
        "Hej ekonomi,\n\nFaktura 8501012382 från Tornets Data AB är betald.",
        "Orderbekräftelse 8501012382",
        "Ditt kundnummer i portalen 8501012382.",
        "Leverantör\tOrg.nr\tFakturanr\tBelopp\nTornets Data AB\t556677-8899\t8501012382\t5 172 SEK", // invoice column
        "Med vänliga hälsningar\nAnna Andersson\nHandläggare\n0702152380\nanna.andersson@mjolby.se", // signature
    })
    void look_alikes_are_not_flagged(String text) {
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.text(null, text)), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<p>Mobil: 0702152380</p>",
        "<p><b>Mobil:</b></p><p>0702152380</p>",
        "<table><tr><td>Namn</td><td>Mobil</td></tr><tr><td>Elin</td><td><p>0709242390</p></td></tr></table>",
        "<p>Vecka 45: Agnes Yilmaz, 0703192385</p><p>Vecka 46: Rolf Lindström, 070-192 32 99</p>",
        "<p style=\"width:850101-2382px\" data-pnr=\"8501012382\">Inget här</p>",
        "<script>var x = '850101-2382';</script><p>Hej</p>",
        "<!-- 850101-2382 -->",
        "<p>Mvh</p><p>Anna Andersson<br>Handläggare<br>0702152380<br><a href=\"mailto:a@mjolby.se\">a@mjolby.se</a></p>",
        // Word writes a tab-aligned list as one paragraph a row, with the source's line breaks between them
        "<p>Namn\tPersonnummer\tVårdnadshavare tel</p>\n<p>Ella Eriksson\t(saknas)\t0702152380</p>\n<p>Bo Ek\t-\t070-111 22 33</p>",
        "<p>Leverantör\tFakturanr\tBelopp</p>\n<p>Tornets Data AB\t8501012382\t5 172 kr</p>",
        "<p>850101-<span>XXXX</span></p>",
    })
    void look_alikes_in_html_are_not_flagged(String html) {
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.html(html)), html);
    }

    @Test
    void severity_is_warn_internally_and_block_when_any_recipient_is_outside() {
        String body = "Pnr 850101-2382";
        assertEquals(Severity.WARN, DetectorFixture.run(DETECTOR, DetectorFixture.text(null, body, "a@mjolby.se")).get(0).severity());
        assertEquals(Severity.BLOCK, DetectorFixture.run(DETECTOR,
                DetectorFixture.text(null, body, "a@mjolby.se", "b@region.se")).get(0).severity());
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.text(null, body),
                DetectorFixture.with("personnummer", Severity.OFF)));
    }

    @Test
    void subject_and_body_give_one_finding_each_with_kind_and_mask() {
        List<Finding> f = DetectorFixture.run(DETECTOR, DetectorFixture.text("Ang. 197504772380", "Och 850101-2382 samt 19850101-2382"));
        assertEquals(2, f.size());
        assertEquals("subject", f.get(0).field());
        assertEquals("samordningsnummer", f.get(0).matches().get(0).kind());
        assertEquals("19xxxxxx-xx80", f.get(0).matches().get(0).masked());
        assertEquals("8501xx-xxx2", f.get(1).matches().get(0).masked());
        assertEquals("19xxxxxx-xx82", f.get(1).matches().get(1).masked());
        assertTrue(f.get(1).message().contains("2 personnummer"));
    }

    @Test
    void a_million_digits_and_deeply_nested_html_are_scanned_without_findings() {
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.text(null, "1".repeat(1_000_000))));
        String nested = "<div>".repeat(100_000) + "x" + "</div>".repeat(100_000);
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.html(nested)));
        String unclosed = "<p title=\"" + "8501012382 ".repeat(50_000);
        assertEquals(List.of(), DetectorFixture.run(DETECTOR, DetectorFixture.html(unclosed)));
    }
}
