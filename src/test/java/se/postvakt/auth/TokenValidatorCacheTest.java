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

    static final String ISSUER = "https://login.microsoftonline.com/" + DevTokens.DEV_TENANT + "/v2.0";
    static final String AUDIENCE = "api://" + DevTokens.DEV_CLIENT;

    final MovableClock clock = new MovableClock();
    final DevTokens tokens = new DevTokens(ISSUER, AUDIENCE, DevTokens.DEV_TENANT, clock);
    final TokenValidator validator = new TokenValidator(tokens, ISSUER, AUDIENCE, DevTokens.DEV_TENANT, clock);
    final String token = tokens.mint("anna@mjolby.se", "Anna", List.of());

    @Test
    void a_remembered_token_still_expires() {
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        assertEquals("anna@mjolby.se", validator.validate(token).upn());
        clock.now = clock.now.plus(Duration.ofHours(13));
        assertThrows(AuthException.class, () -> validator.validate(token));
    }

    @Test
    void a_tampered_copy_of_a_remembered_token_is_refused() {
        validator.validate(token);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(AuthException.class, () -> validator.validate(tampered));
    }
}
