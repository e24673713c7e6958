package se.postvakt.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** An RSA signing key like Entra ID's, its JWKS, and tokens shaped like Entra ID v2 access tokens for tests. */
public final class TestKeys {
    public static final String TENANT = "11111111-2222-4333-8444-555555555555";
    public static final String CLIENT = "66666666-7777-4888-9999-000000000000";
    public static final String AUDIENCE = "api://" + CLIENT;
    public static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";

    private final RSAKey key;

    public TestKeys() {
        this("kid-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public TestKeys(String kid) {
        try {
            key = new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return key.getKeyID();
    }

    public RSAKey key() {
        return key;
    }

    /** The JWKS document with the public half of these keys. */
    public static String jwks(TestKeys... keys) {
        return new JWKSet(java.util.Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.key.toPublicJWK()).toList())
                .toString();
    }

    public String staff(String upn) {
        return token(upn, List.of());
    }

    public String manager(String upn) {
        return token(upn, List.of("Postvakt.Manager"));
    }

    public String admin(String upn) {
        return token(upn, List.of("Postvakt.Admin"));
    }

    public String token(String upn, List<String> roles) {
        return token(upn, roles, c -> { });
    }

    /** A valid token for {@code upn}; {@code tweak} can change any claim to make it invalid. */
    public String token(String upn, List<String> roles, Consumer<JWTClaimsSet.Builder> tweak) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).claim("tid", TENANT)
                .claim("oid", UUID.nameUUIDFromBytes(upn.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", upn).claim("name", upn.split("@")[0]).claim("scp", "access_as_user")
                .claim("ver", "2.0").issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)));
        if (!roles.isEmpty()) {
            c.claim("roles", roles);
        }
        tweak.accept(c);
        return sign(c.build());
    }

    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
