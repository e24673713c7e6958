package se.postvakt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token whose signature was verified once is remembered, but its time claims are still checked on every use. */
class TokenValidatorCacheTest {
    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_remembered_token_still_expires() {
        MovableClock clock = new MovableClock();
        String issuer = "https://login.microsoftonline.com/" + DevTokens.DEV_TENANT + "/v2.0";
        String audience = "api://" + DevTokens.DEV_CLIENT;
        DevTokens tokens = new DevTokens(issuer, audience, DevTokens.DEV_TENANT, clock);
        TokenValidator validator = new TokenValidator(tokens, issuer, audience, DevTokens.DEV_TENANT, clock);
        String token = tokens.mint("anna@mjolby.se", "Anna", List.of());
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        clock.now = clock.now.plus(Duration.ofHours(13));
        assertThrows(AuthException.class, () -> validator.validate(token));
    }

    @Test
    void a_tampered_copy_of_a_remembered_token_is_refused() {
        MovableClock clock = new MovableClock();
        String issuer = "https://login.microsoftonline.com/" + DevTokens.DEV_TENANT + "/v2.0";
        String audience = "api://" + DevTokens.DEV_CLIENT;
        DevTokens tokens = new DevTokens(issuer, audience, DevTokens.DEV_TENANT, clock);
        TokenValidator validator = new TokenValidator(tokens, issuer, audience, DevTokens.DEV_TENANT, clock);
        String token = tokens.mint("anna@mjolby.se", "Anna", List.of());
        validator.validate(token);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(AuthException.class, () -> validator.validate(tampered));
    }
}
