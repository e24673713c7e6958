package se.postvakt.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's signing keys from its JWKS URL. Keys are kept in memory; an unknown {@code kid} triggers a refetch,
 * at most once per {@code minRefetchInterval}, so key rotation works and a flood of forged kids cannot hammer the
 * identity provider. Keys are also refreshed when older than {@code maxAge}.
 */
public final class RemoteJwks implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Duration maxAge;
    private volatile Map<String, RSAKey> keys = Map.of();
    private volatile Instant lastFetch = Instant.EPOCH;
    private volatile Instant lastSuccess = Instant.EPOCH;

    public RemoteJwks(URI url, Clock clock, Duration minRefetchInterval, Duration maxAge) {
        this.url = url;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
        this.maxAge = maxAge;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public RSAKey find(String kid) {
        if (kid == null) {
            return null;
        }
        Instant now = clock.instant();
        if (now.isAfter(lastSuccess.plus(maxAge))) {
            refetch(now);
        }
        RSAKey key = keys.get(kid);
        if (key == null) {
            refetch(now);
            key = keys.get(kid);
        }
        return key;
    }

    private synchronized void refetch(Instant now) {
        if (now.isBefore(lastFetch.plus(minRefetchInterval)) && !lastFetch.equals(Instant.EPOCH)) {
            return;
        }
        lastFetch = now;
        try {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                LOG.warn("JWKS fetch from {} answered {}", url, res.statusCode());
                return;
            }
            Map<String, RSAKey> fresh = new ConcurrentHashMap<>();
            for (JWK jwk : JWKSet.parse(res.body()).getKeys()) {
                if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null) {
                    fresh.put(jwk.getKeyID(), rsa);
                }
            }
            keys = Map.copyOf(fresh);
            lastSuccess = now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("JWKS fetch from {} failed: {}", url, e.toString());
        }
    }
}
