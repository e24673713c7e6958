package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayNameDetectorsTest {
    @ParameterizedTest(name = "''{1}'' <{0}> claims {2}")
    @CsvSource(delimiter = '|', value = {
            "kommunen@gmail.com | Mjölby kommun | organisation",
            "x@hotmail.com | MJOLBY KOMMUN | organisation",
            "x@outlook.com | IT-avdelningen Mjölby kommun | organisation",
            "x@example.org | Mjölby | organisation",
            "x@example.org | Мjölby kommun | organisation",
            "x@gmail.com | Linköpings kommun | trusted",
            "x@example.org | Birgitta Holmberg, Linköpings kommun | trusted",
            "x@example.org | Region Östergötland | trusted",
            "x@gmail.com | IT-avdelningen | role",
            "x@gmail.com | Lönekontoret | role",
            "gmail.servicedesk@gmail.com | Servicedesk Gmail | role",
            "x@gmail.com | Skatteverket | trusted",
            "x@example.org | Försäkringskassan | role",
            "x@example.org | Microsoft 365 Admin | role",
            "support@forsakringskassan-se.com | Försäkringskassan | role",      // the authority's name squatted
            "helpdesk@microsoft-support.net | Microsoft 365 | role",
            "info@skatteverket-info.com | Skatteverket | trusted",              // a partner here, so claimed as one
            "x@outlook.com | 1177 Vårdguiden | trusted",
            "x@gmail.com | Linköpings kommun Socialtjänsten | trusted",
            "x@gmail.com | Linköpings IT-avdelning | trusted",
            "x@gmail.com | Boxholms Servicedesk | trusted",
            "x@gmail.com | Mjölby kommun Socialtjänst | organisation"
    })
    void display_names_claiming_the_organisation_a_partner_or_a_role_from_elsewhere_are_found(
            String address, String name, String claims) {
        List<Finding> f = DetectorTables.run(new DisplayNameClaimDetector(), address, name, List.of(), null);
        assertEquals(List.of("display-name-impersonation"), DetectorTables.codes(f), f.toString());
        assertEquals(claims, f.get(0).detail().get("claims"));
        assertEquals(!claims.equals("role"), f.get(0).detail().containsKey("resembles"), f.toString());
    }

    @org.junit.jupiter.api.Test
    void configured_organisation_names_replace_the_derived_ones() {
        SenderRules rules = SenderRules.of(List.of("mjolby.se"), List.of(), List.of("Mjölby Energi och Vatten"),
                List.of(), List.of("gmail.com"), List.of());
        List<Finding> out = new java.util.ArrayList<>();
        new DisplayNameClaimDetector().inspect(SenderInput.of("x@gmail.com", "MJÖLBY ENERGI OCH VATTEN", List.of(), null),
                rules, out);
        assertEquals(List.of("display-name-impersonation"), DetectorTables.codes(out));
        assertEquals("mjolby.se", out.get(0).detail().get("resembles"));
        out.clear();
        new DisplayNameClaimDetector().inspect(SenderInput.of("x@gmail.com", "Mjölby Energi", List.of(), null), rules, out);
        assertEquals(List.of(), out);
    }

    @ParameterizedTest(name = "''{1}'' <{0}> is fine")
    @CsvSource(delimiter = '|', value = {
            "kommun@mjolby.se | Mjölby kommun",
            "noreply@e-tjanster.mjolby.se | Mjölby kommun e-tjänster",
            "kontakt@linkoping.se | Linköpings kommun",
            "ordforande@mjolbyschackklubb.se | Mjölby Schackklubb",
            "info@mjolbyror-vvs.se | Mjölby Rör & VVS AB",
            "x@gmail.com | Anna Mjölbysson",
            "noreply@forsakringskassan.se | Försäkringskassan",
            "o365mc@microsoft.com | Microsoft 365",
            "no-reply@sharepointonline.com | Anna Lindqvist (via SharePoint Online)",
            "bokning@skanningeturism.se | Skänninge Turism",
            "x@gmail.com | Margareta Holm",
            "x@microsoftonline.com | Microsoft 365",
            "servicedesk@atea.se | Atea Servicedesk",
            "x@example.org | it@mjolby.se",
            "x@example.org | Mjölby Ese",
            "x@gmail.com | Familjen 1177son",
            "x@gmail.com | ''"
    })
    void ordinary_display_names_are_not_claims(String address, String name) {
        assertEquals(List.of(), DetectorTables.run(new DisplayNameClaimDetector(), address, name, List.of(), null));
    }

    @ParameterizedTest(name = "''{1}'' <{0}> uses a colleague''s name")
    @CsvSource(delimiter = '|', value = {
            "anna.lindqvist@gmail.com | Anna Lindqvist",
            "x@example.org | LINDQVIST, ANNA",
            "x@example.org | Mattias Hakansson",
            "x@mjolbyy.se | Magnus Holmberg"
    })
    void colleague_names_from_outside_are_found(String address, String name) {
        assertEquals(List.of("staff-name-impersonation"),
                DetectorTables.codes(DetectorTables.run(new StaffNameDetector(), address, name, List.of(), null)));
    }

    @ParameterizedTest(name = "''{1}'' <{0}> is fine")
    @CsvSource(delimiter = '|', value = {
            "anna.lindqvist@mjolby.se | Anna Lindqvist",
            "no-reply@sharepointonline.com | Anna Lindqvist (via SharePoint Online)",
            "x@gmail.com | Anna",
            "x@gmail.com | Anna Lindgren",
            "emma.larsson@motala.se | Anna Lindqvist"
    })
    void other_names_or_own_addresses_are_not_staff_impersonation(String address, String name) {
        assertEquals(List.of(), DetectorTables.run(new StaffNameDetector(), address, name, List.of(), null));
    }

    @ParameterizedTest(name = "''{1}'' <{0}> shows another address")
    @CsvSource(delimiter = '|', value = {
            "x@gmail.com | it-support@mjolby.se",
            "x@gmail.com | \"Servicedesk (servicedesk@mjolby.se)\"",
            "x@example.org | Anna <anna.lindqvist@mjolby.se>",
            "x@example.org | ceo@example.com via Teams"
    })
    void display_names_showing_another_address_are_found(String address, String name) {
        assertEquals(List.of("display-name-contains-address"), DetectorTables.codes(
                DetectorTables.run(new DisplayNameAddressDetector(), address, name, List.of(), null)));
    }

    @ParameterizedTest(name = "''{1}'' <{0}> is fine")
    @CsvSource(delimiter = '|', value = {
            "anna@gmail.com | anna@gmail.com",
            "Anna@Gmail.com | anna@gmail.com",
            "x@gmail.com | Anna @ Kulturskolan",
            "x@gmail.com | Anna Svensson"
    })
    void display_names_without_another_address_are_fine(String address, String name) {
        assertEquals(List.of(), DetectorTables.run(new DisplayNameAddressDetector(), address, name, List.of(), null));
    }
}
