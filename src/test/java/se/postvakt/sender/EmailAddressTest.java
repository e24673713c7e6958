package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "Anna.Lindqvist@Mjolby.SE | anna.lindqvist@mjolby.se",
            "  a@b.se  | a@b.se",
            "Anna <anna@mjolby.se> | anna@mjolby.se",
            "a@mjölby.se | a@xn--mjlby-kua.se",
            "a@xn--mjlby-kua.se | a@xn--mjlby-kua.se",
            "\"a@b\"@c.se | \"a@b\"@c.se"
    })
    void addresses_are_parsed_to_a_canonical_form(String raw, String canonical) {
        EmailAddress a = EmailAddress.parse(raw);
        assertTrue(a.valid(), raw);
        assertEquals(canonical, a.canonical());
    }

    @ParameterizedTest(name = "''{0}'' is not an address")
    @ValueSource(strings = {"", "@@@", "anna@", "@mjolby.se", "anna@localhost", "anna@mjolby..se", "an na@mjolby.se",
            "anna@mj olby.se", "anna@-.", "anna@a_b$.se"})
    void impossible_addresses_are_invalid(String raw) {
        assertFalse(EmailAddress.parse(raw).valid());
    }

    @Test
    void exchange_internal_x500_addresses_are_recognised() {
        EmailAddress a = EmailAddress.parse("/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=abc-anna");
        assertTrue(a.exchangeInternal());
        assertFalse(a.valid());
    }

    @Test
    void broken_punycode_is_kept_and_marked() {
        DomainName d = EmailAddress.parse("a@xn--a-ecp.se").domain();
        assertTrue(d == null || d.brokenIdn(), String.valueOf(d));
    }

    @Test
    void registrable_domain_knows_two_label_suffixes() {
        DomainName d = DomainName.parse("mjolby.se.secure-login.co.uk");
        assertEquals("secure-login.co.uk", d.registrableAscii());
        assertEquals(java.util.List.of("mjolby", "se"), d.subLabels());
    }
}
