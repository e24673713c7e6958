package se.postvakt.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthResultsDetectorTest {
    private static String ar(String value) {
        return "Received: from mail.example\r\nAuthentication-Results: " + value + "\r\nSubject: x\r\n";
    }

    @ParameterizedTest(name = "{0} with ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
            "ceo@mjolby.se | spf=fail (sender IP is 203.0.113.5) smtp.mailfrom=mjolby.se; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=mjolby.se;compauth=fail reason=000 | own-domain-spoofed",
            "ceo@mjolby.se | mx1.mjolby.se; spf=fail smtp.mailfrom=mjolby.se; dkim=none; dmarc=none header.from=mjolby.se | own-domain-spoofed",
            "ceo@mjolby.se | mx.google.com; spf=softfail (google.com: domain of transitioning x@mjolby.se) smtp.mailfrom=x@mjolby.se | own-domain-spoofed",
            "a@kivra.com | spf=pass smtp.mailfrom=kivra.com; dkim=fail header.d=kivra.com;dmarc=fail action=none header.from=kivra.com;compauth=fail reason=001 | auth-failed",
            "a@example.org | mx.google.com; dkim=fail header.i=@example.org; spf=fail smtp.mailfrom=example.org; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=example.org | auth-failed",
            "a@example.org | spf=none smtp.mailfrom=example.org; dkim=none;dmarc=none action=none header.from=example.org;compauth=fail reason=601 | auth-failed",
            "a@example.org | mx1.gateway.se; dmarc=FAIL header.from=example.org | auth-failed"
    })
    void failing_authentication_is_found(String from, String results, String code) {
        assertEquals(List.of(code), DetectorTables.codes(DetectorTables.run(new AuthResultsDetector(), from, "", List.of(), ar(results))));
    }

    @ParameterizedTest(name = "{0} with ''{1}'' is fine")
    @CsvSource(delimiter = '|', value = {
            "a@regionostergotland.se | spf=fail (sender IP is 198.51.100.125) smtp.mailfrom=regionostergotland.se; dkim=pass (signature was verified) header.d=regionostergotland.se;dmarc=pass action=none header.from=regionostergotland.se;compauth=pass reason=100",
            "a@motala.se | spf=pass smtp.mailfrom=motala.se; dkim=fail (signature did not verify) header.d=motala.se;dmarc=pass action=none header.from=motala.se;compauth=pass reason=100",
            "a@mjolby.se | spf=none (sender IP is 192.0.2.163) smtp.mailfrom=mjolby.se; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=mjolby.se;compauth=pass reason=116",
            "a@mjolby.se | dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=mjolby.se;",
            "nyhetsbrev@mjolby.se | spf=pass smtp.mailfrom=bounce.esp-mailer.net; dkim=pass header.d=mjolby.se;dmarc=pass action=none header.from=mjolby.se;compauth=pass reason=100",
            "a@bredband.net | spf=none smtp.mailfrom=bredband.net; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=bredband.net;compauth=none reason=905",
            "a@example.org | mx.google.com; dkim=pass header.i=@example.org header.s=s1 header.b=Kv9a; spf=pass (google.com: domain of a@example.org designates 198.51.100.243 as permitted sender) smtp.mailfrom=a@example.org; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org",
            "a@example.org | spf=pass (comment says dmarc=fail here) smtp.mailfrom=example.org"
    })
    void forwarded_list_internal_and_passing_mail_is_fine(String from, String results) {
        assertEquals(List.of(), DetectorTables.run(new AuthResultsDetector(), from, "", List.of(), ar(results)));
    }

    @Test
    void folded_header_is_read_across_lines() {
        AuthResults a = AuthResults.parse("Authentication-Results: spf=pass smtp.mailfrom=x.se;\r\n\tdkim=pass header.d=x.se;\r\n dmarc=fail header.from=x.se\r\nX: y");
        assertEquals("fail", a.result("dmarc"));
        assertEquals("x.se", a.headerFrom());
    }

    @Test
    void a_pass_injected_below_the_receiving_header_does_not_hide_a_failure() {
        AuthResults a = AuthResults.parse("Authentication-Results: spf=fail smtp.mailfrom=mjolby.se; dmarc=fail header.from=mjolby.se\r\n"
                + "Authentication-Results: spf=pass; dkim=pass; dmarc=pass; compauth=pass\r\n");
        assertEquals("fail", a.result("dmarc"));
        assertEquals(null, a.result("dkim"));
        assertEquals(2, a.headers());
    }

    @Test
    void a_header_name_inside_a_folded_value_is_not_a_header() {
        AuthResults a = AuthResults.parse("X-Note: hello\r\n Authentication-Results: dmarc=fail\r\n");
        assertEquals(0, a.headers());
    }

    @Test
    void lower_headers_still_report_methods_the_top_one_lacks() {
        AuthResults a = AuthResults.parse("Authentication-Results: mx1.mjolby.se; spf=pass\nAuthentication-Results: x; compauth=fail reason=000\n"
                + "ARC-Authentication-Results: i=1; dmarc=fail\nAuthentication-Results-Original: dmarc=fail\n");
        assertEquals("pass", a.result("spf"));
        assertEquals("fail", a.result("compauth"));
        assertEquals("000", a.compauthReason());
        assertEquals(null, a.result("dmarc"));
    }
}
