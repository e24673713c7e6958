package se.postvakt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.postvakt.support.MutableClock;

/** A token whose signature was verified once is remembered, but its time claims are still checked on every use. */
class TokenValidatorCacheTest {
    static final String ISSUER = "https://login.microsoftonline.com/" + DevTokens.DEV_TENANT + "/v2.0";
    static final String AUDIENCE = "api://" + DevTokens.DEV_CLIENT;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    final DevTokens tokens = new DevTokens(ISSUER, AUDIENCE, DevTokens.DEV_TENANT, clock);
    final TokenValidator validator = new TokenValidator(tokens, ISSUER, AUDIENCE, DevTokens.DEV_TENANT, clock);
    final String token = tokens.mint("anna@mjolby.se", "Anna", List.of());

    @Test
    void a_remembered_token_still_expires() {
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        clock.advance(Duration.ofHours(13));
        assertThrows(AuthException.class, () -> validator.validate(token));
    }

    @Test
    void a_tampered_copy_of_a_remembered_token_is_refused() {
        validator.validate(token);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(AuthException.class, () -> validator.validate(tampered));
    }
}
