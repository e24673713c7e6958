package se.postvakt.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Dev mode: an ephemeral RSA key that signs Entra-ID-shaped tokens, so the API can be tried without a tenant.
 * The key lives only in memory; a restart invalidates every dev token.
 */
public final class DevTokens implements KeySource {
    public static final String DEV_TENANT = "00000000-0000-4000-8000-000000000001";
    public static final String DEV_CLIENT = "00000000-0000-4000-8000-000000000002";

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final String tenantId;
    private final Clock clock;

    public DevTokens(String issuer, String audience, String tenantId, Clock clock) {
        try {
            this.key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.tenantId = tenantId;
        this.clock = clock;
    }

    @Override
    public RSAKey find(String kid) {
        return key.getKeyID().equals(kid) ? key.toPublicJWK() : null;
    }

    /** A token valid for 12 hours for the given user and app roles. */
    public String mint(String upn, String name, List<String> appRoles) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).claim("tid", tenantId)
                .claim("oid", UUID.nameUUIDFromBytes(upn.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", upn).claim("name", name).claim("scp", "access_as_user")
                .claim("ver", "2.0").issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(12))));
        if (!appRoles.isEmpty()) {
            claims.claim("roles", appRoles);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
