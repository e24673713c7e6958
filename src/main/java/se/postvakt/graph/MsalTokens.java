package se.postvakt.graph;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postvakt's own tokens for Graph through msal4j: app-only tokens by client credentials and on-behalf-of tokens for a
 * signed-in user. Both come from msal4j's in-memory token cache while valid, so the authority is asked once per
 * token lifetime. Instance discovery and authority validation are off, so a national cloud or a test authority works
 * without reaching login.microsoftonline.com.
 */
public final class MsalTokens {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final ConfidentialClientApplication app;
    private final Set<String> scopes;
    private final Duration timeout;

    /**
     * @param httpClient null for msal4j's own HTTP client; tests pass one that reaches a fake authority
     */
    public MsalTokens(String clientId, IClientCredential credential, String authority, String scope, Duration timeout,
                      IHttpClient httpClient) {
        try {
            ConfidentialClientApplication.Builder b = ConfidentialClientApplication.builder(clientId, credential)
                    .authority(authority)
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .connectTimeoutForDefaultHttpClient((int) timeout.toMillis())
                    .readTimeoutForDefaultHttpClient((int) timeout.toMillis());
            if (httpClient != null) {
                b.httpClient(httpClient);
            }
            this.app = b.build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("ENTRA_AUTHORITY is not a URL: " + authority, e);
        }
        this.scopes = Set.of(scope);
        this.timeout = timeout;
    }

    /** A credential from a client secret, or from a certificate file: PEM (key and certificate) or PKCS#12/PFX. */
    public static IClientCredential credential(String secret, Path certificate) {
        return credential(secret, certificate, "");
    }

    /** As above, with the PFX's password ({@code ENTRA_CLIENT_CERTIFICATE_PASSWORD}; empty for none). */
    public static IClientCredential credential(String secret, Path certificate, String pfxPassword) {
        if (certificate == null) {
            return ClientCredentialFactory.createFromSecret(secret);
        }
        try {
            byte[] bytes = Files.readAllBytes(certificate);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                return fromPem(text);
            }
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                return ClientCredentialFactory.createFromCertificate(in, pfxPassword == null ? "" : pfxPassword);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("ENTRA_CLIENT_CERTIFICATE_PATH could not be read as PEM or PFX "
                    + "(is ENTRA_CLIENT_CERTIFICATE_PASSWORD right for a PFX?): " + e.getMessage(), e);
        }
    }

    static IClientCredential fromPem(String pem) throws GeneralSecurityException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            switch (m.group(1)) {
                case "CERTIFICATE" -> chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = privateKey(der);
                default -> throw new GeneralSecurityException("unsupported PEM block " + m.group(1)
                        + " (use an unencrypted PKCS#8 'PRIVATE KEY')");
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new GeneralSecurityException("the PEM needs a PRIVATE KEY and a CERTIFICATE block");
        }
        return ClientCredentialFactory.createFromCertificateChain(key, chain);
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /** An app-only token; msal4j answers from its cache until the token nears expiry. */
    public String appToken() {
        return await(() -> app.acquireToken(ClientCredentialParameters.builder(scopes).build()).get(
                timeout.toMillis(), TimeUnit.MILLISECONDS).accessToken());
    }

    /** A token for Graph as the user whose token for our API is {@code userAssertion}; cached per assertion. */
    public String onBehalfOfToken(String userAssertion) {
        return await(() -> app.acquireToken(OnBehalfOfParameters.builder(scopes, new UserAssertion(userAssertion))
                .build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).accessToken());
    }

    /** The authority's host, for messages. */
    String authorityHost() {
        return URI.create(app.authority()).getHost();
    }

    private interface TokenCall {
        String get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private String await(TokenCall call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "interrupted while getting a Graph token");
        } catch (TimeoutException e) {
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "the Entra ID authority " + authorityHost()
                    + " did not answer within " + timeout.toMillis() + " ms", null, null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MsalServiceException se) {
                // invalid_client, unauthorized_client, invalid_grant: configuration or consent, not a passing fault.
                boolean refused = se.statusCode() == 400 || se.statusCode() == 401 || se.statusCode() == 403;
                throw new GraphException(refused ? GraphException.Kind.FORBIDDEN : GraphException.Kind.UNAVAILABLE,
                        "Entra ID refused the token request (" + se.errorCode() + "): check the client secret or "
                                + "certificate and admin consent", null, null, se);
            }
            throw new GraphException(GraphException.Kind.UNAVAILABLE, "no Graph token from " + authorityHost() + ": "
                    + (cause == null ? e : cause).getMessage(), null, null, cause);
        }
    }
}
