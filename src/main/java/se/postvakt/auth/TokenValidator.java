package se.postvakt.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Validates Entra ID v2 access tokens for this API: RS256 only, signature against the tenant's keys, {@code iss},
 * {@code aud}, {@code tid}, and {@code exp}/{@code nbf} with at most five minutes of clock skew.
 */
public final class TokenValidator {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final KeySource keys;
    private final String issuer;
    private final String audience;
    private final String tenantId;
    private final Clock clock;
    // Tokens whose signature has been verified: an add-in sends the same token with every check, and an RSA
    // verification costs more than the check itself. Time claims are still checked on every use.
    private final Cache<String, JWTClaimsSet> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public TokenValidator(KeySource keys, String issuer, String audience, String tenantId, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.tenantId = tenantId;
        this.clock = clock;
    }

    /** A validator that refuses every token, for a server without an app registration. */
    public static TokenValidator refusingAll(Clock clock) {
        return new TokenValidator(kid -> null, "", "", "", clock);
    }

    public Principal validate(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthException("invalid_request", "missing bearer token");
        }
        if (issuer.isEmpty()) {
            throw new AuthException("Entra ID is not configured on this server: no token can be accepted");
        }
        JWTClaimsSet known = verified.getIfPresent(token);
        if (known != null) {
            return principal(known);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            throw new AuthException("token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new AuthException("token algorithm must be RS256");
        }
        RSAKey key = keys.find(jwt.getHeader().getKeyID());
        if (key == null) {
            throw new AuthException("token signing key is unknown");
        }
        try {
            if (jwt.getState() != JWSObject.State.SIGNED || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                throw new AuthException("token signature is invalid");
            }
        } catch (AuthException e) {
            throw e;
        } catch (Exception e) {
            throw new AuthException("token signature is invalid");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthException("token claims are malformed");
        }
        Principal p = principal(claims);
        verified.put(token, claims);
        return p;
    }

    private Principal principal(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(MAX_SKEW))) {
            throw new AuthException("token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(MAX_SKEW).isBefore(nbf.toInstant())) {
            throw new AuthException("token is not valid yet");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new AuthException("token issuer is not accepted");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new AuthException("token audience is not this API");
        }
        try {
            if (!tenantId.equals(claims.getStringClaim("tid"))) {
                throw new AuthException("token is from another tenant");
            }
            String oid = claims.getStringClaim("oid");
            if (oid == null || oid.isBlank()) {
                throw new AuthException("token has no oid claim");
            }
            String upn = claims.getStringClaim("preferred_username");
            if (upn == null) {
                upn = claims.getStringClaim("upn");
            }
            String name = claims.getStringClaim("name");
            Set<Role> roles = EnumSet.of(Role.STAFF);
            List<String> appRoles = claims.getStringListClaim("roles");
            if (appRoles != null) {
                for (Role r : Role.values()) {
                    if (r.appRole() != null && appRoles.contains(r.appRole())) {
                        roles.add(r);
                    }
                }
            }
            return new Principal(oid, upn, name == null ? "" : name, roles);
        } catch (ParseException e) {
            throw new AuthException("token claims are malformed");
        }
    }
}
