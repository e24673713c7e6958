package se.postvakt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.postvakt.support.MutableClock;
import se.postvakt.support.TestKeys;

/** The token matrix: every way a token can be wrong is refused, and key rotation works. */
class TokenValidatorTest {
    private final TestKeys keys = new TestKeys("current");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final MockWebServer jwks = new MockWebServer();
    private volatile String published;
    private TokenValidator validator;

    @BeforeEach
    void start() throws Exception {
        published = TestKeys.jwks(keys);
        jwks.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body(published).build();
            }
        });
        jwks.start();
        RemoteJwks source = new RemoteJwks(URI.create(jwks.url("/keys").toString()), clock, Duration.ofSeconds(30),
                Duration.ofHours(12));
        validator = new TokenValidator(source, TestKeys.ISSUER, TestKeys.AUDIENCE, TestKeys.TENANT, clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private String token(JWTClaimsSet.Builder tweak) {
        return keys.sign(tweak.build());
    }

    private JWTClaimsSet.Builder valid() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).claim("tid", TestKeys.TENANT)
                .claim("oid", "oid-1").claim("preferred_username", "Anna@Mjolby.se").claim("name", "Anna")
                .notBeforeTime(Date.from(now.minusSeconds(10))).expirationTime(Date.from(now.plusSeconds(3600)));
    }

    private void refused(String token, String why) {
        AuthException e = assertThrows(AuthException.class, () -> validator.validate(token));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void a_valid_token_gives_the_principal_with_roles() {
        Principal p = validator.validate(token(valid().claim("roles", List.of("Postvakt.Manager", "Other"))));
        assertEquals("oid-1", p.oid());
        assertEquals("anna@mjolby.se", p.upn());
        assertEquals(Set.of(Role.STAFF, Role.MANAGER), p.roles());
    }

    @Test
    void upn_claim_is_used_when_preferred_username_is_absent() {
        Principal p = validator.validate(token(valid().claim("preferred_username", null).claim("upn", "bo@mjolby.se")));
        assertEquals("bo@mjolby.se", p.upn());
    }

    @Test
    void a_forged_signature_with_the_same_kid_is_refused() {
        TestKeys forger = new TestKeys("current");
        refused(forger.sign(valid().build()), "signature");
    }

    @Test
    void an_expired_token_is_refused_beyond_five_minutes_of_skew() {
        String t = token(valid().expirationTime(Date.from(clock.instant().minusSeconds(60))));
        assertEquals("oid-1", validator.validate(t).oid(), "within skew");
        refused(token(valid().expirationTime(Date.from(clock.instant().minusSeconds(301)))), "expired");
    }

    @Test
    void a_token_not_valid_yet_is_refused() {
        refused(token(valid().notBeforeTime(Date.from(clock.instant().plusSeconds(600)))), "not valid yet");
        assertEquals("oid-1", validator.validate(token(valid().notBeforeTime(Date.from(clock.instant().plusSeconds(120))))).oid());
    }

    @Test
    void wrong_audience_issuer_or_tenant_is_refused() {
        refused(token(valid().audience("api://someone-else")), "audience");
        refused(token(valid().issuer("https://login.microsoftonline.com/other/v2.0")), "issuer");
        refused(token(valid().claim("tid", "99999999-2222-4333-8444-555555555555")), "tenant");
    }

    @Test
    void alg_none_is_refused() {
        String plain = new PlainJWT(valid().build()).serialize();
        refused(plain, "signed JWT");
        // A "signed" token whose header says none.
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"current\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String body = Base64URL.encode(valid().build().toString().getBytes(StandardCharsets.UTF_8)).toString();
        assertThrows(AuthException.class, () -> validator.validate(header + "." + body + "."));
    }

    @Test
    void hs256_signed_with_the_public_key_is_refused() throws Exception {
        byte[] secret = keys.key().toPublicJWK().toRSAPublicKey().getEncoded();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("current").build(), valid().build());
        hs.sign(new MACSigner(secret));
        refused(hs.serialize(), "RS256");
    }

    @Test
    void other_rsa_algorithms_are_refused() throws Exception {
        SignedJWT ps = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("current").build(), valid().build());
        ps.sign(new com.nimbusds.jose.crypto.RSASSASigner(keys.key()));
        refused(ps.serialize(), "RS256");
    }

    @Test
    void garbage_and_missing_tokens_are_refused() {
        refused("not.a.token", "signed JWT");
        refused("", "missing");
        refused(null, "missing");
    }

    @Test
    void an_unknown_kid_triggers_one_rate_limited_refetch_and_rotation_then_validates() {
        validator.validate(token(valid()));
        int fetchesBefore = jwks.getRequestCount();
        TestKeys rotated = new TestKeys("next");
        String newToken = rotated.sign(valid().build());

        clock.advance(Duration.ofMinutes(1));
        refused(newToken, "unknown");
        assertEquals(fetchesBefore + 1, jwks.getRequestCount(), "one refetch for the unknown kid");
        for (int i = 0; i < 20; i++) {
            refused(rotated.sign(valid().claim("oid", "x" + i).build()), "unknown");
        }
        assertEquals(fetchesBefore + 1, jwks.getRequestCount(), "a flood of unknown kids is rate-limited");

        published = TestKeys.jwks(keys, rotated);
        clock.advance(Duration.ofSeconds(31));
        assertEquals("oid-1", validator.validate(newToken).oid(), "the rotated key validates after the next refetch");
        assertEquals("oid-1", validator.validate(token(valid())).oid(), "the old key still validates");
    }

    @Test
    void a_server_without_entra_refuses_every_token() {
        TokenValidator off = TokenValidator.refusingAll(clock);
        assertThrows(AuthException.class, () -> off.validate(token(valid())));
    }
}
