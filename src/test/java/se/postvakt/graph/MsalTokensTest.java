package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.postvakt.support.FakeGraphServer;

/**
 * msal4j against a fake Entra ID authority served over HTTPS (okhttp-tls certificates). The authority keeps a
 * non-Microsoft URL ({@code login.test.example}), so instance discovery must be off; msal4j's requests reach the fake
 * through an {@link IHttpClient}, which keeps msal4j's token cache in play (trap 9 of the dependency notes).
 */
class MsalTokensTest {
    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String AUTHORITY = "https://login.test.example/" + TENANT + "/";

    private final MockWebServer authority = new MockWebServer();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;
    private OkHttpClient tls;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").build();
        authority.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build();
        tls = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
        authority.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                paths.add(r.getUrl().encodedPath());
                if (status != 200) {
                    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                            .body("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: bad secret\"}")
                            .build();
                }
                Map<String, String> form = form(r.getBody().utf8());
                tokenRequests.add(form);
                String prefix = form.get("grant_type").endsWith("jwt-bearer") ? "obo-" : "app-";
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                                + "\"access_token\":\"" + prefix + issued.incrementAndGet() + "\"}").build();
            }
        });
        authority.start();
    }

    @AfterEach
    void stop() {
        authority.close();
    }

    /** Sends msal4j's requests for login.test.example to the HTTPS fake, keeping path and query. */
    private IHttpClient routeToFake() {
        return req -> {
            HttpUrl url = HttpUrl.get(req.url().toString()).newBuilder().host(authority.url("/").host())
                    .port(authority.getPort()).build();
            Request.Builder b = new Request.Builder().url(url);
            req.headers().forEach(b::header);
            RequestBody body = req.body() == null ? null
                    : RequestBody.create(req.body(), MediaType.get("application/x-www-form-urlencoded"));
            b.method(req.httpMethod().name(), body);
            try (Response r = tls.newCall(b.build()).execute()) {
                HttpResponse out = new HttpResponse().statusCode(r.code()).body(r.body().string());
                out.addHeaders(r.headers().toMultimap());
                return out;
            }
        };
    }

    private MsalTokens tokens(String secret, Path certificate) {
        return new MsalTokens("client-id", MsalTokens.credential(secret, certificate), AUTHORITY,
                GraphSettings.GLOBAL_SCOPE, Duration.ofSeconds(5), routeToFake());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String kv : body.split("&")) {
            int i = kv.indexOf('=');
            out.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String fakeJwt(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\",\"aud\":\"api://client-id\"}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void client_credentials_token_is_fetched_once_and_then_served_from_msals_cache() {
        MsalTokens msal = tokens("s3cret", null);
        assertEquals("app-1", msal.appToken());
        assertEquals("app-1", msal.appToken());
        assertEquals(1, tokenRequests.size(), "second call must not reach the authority");
        assertEquals(List.of("/" + TENANT + "/oauth2/v2.0/token"), paths);
        Map<String, String> form = tokenRequests.get(0);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("client-id", form.get("client_id"));
        assertEquals("s3cret", form.get("client_secret"));
        assertTrue(form.get("scope").contains("https://graph.microsoft.com/.default"), form.get("scope"));
    }

    @Test
    void on_behalf_of_exchanges_the_users_token_with_a_jwt_bearer_grant() {
        MsalTokens msal = tokens("s3cret", null);
        String userToken = fakeJwt("anna");
        assertEquals("obo-1", msal.onBehalfOfToken(userToken));
        Map<String, String> form = tokenRequests.get(0);
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        assertEquals(userToken, form.get("assertion"));
        assertEquals("on_behalf_of", form.get("requested_token_use"));
        assertEquals("s3cret", form.get("client_secret"));
        assertTrue(form.get("scope").contains("https://graph.microsoft.com/.default"), form.get("scope"));
        assertEquals("obo-1", msal.onBehalfOfToken(userToken));
        assertEquals(1, tokenRequests.size(), "the same user's token is answered from the cache");
        assertEquals("obo-2", msal.onBehalfOfToken(fakeJwt("bo")));
    }

    @Test
    void a_pem_certificate_signs_a_client_assertion_instead_of_sending_a_secret() throws Exception {
        HeldCertificate app = new HeldCertificate.Builder().commonName("postvakt").rsa2048().build();
        Path pem = dir.resolve("postvakt.pem");
        Files.writeString(pem, app.privateKeyPkcs8Pem() + app.certificatePem());
        assertEquals("app-1", tokens("", pem).appToken());
        Map<String, String> form = tokenRequests.get(0);
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        assertEquals(3, form.get("client_assertion").split("\\.").length);
        assertTrue(!form.containsKey("client_secret"));
    }

    @Test
    void a_pfx_without_password_works_too() throws Exception {
        HeldCertificate app = new HeldCertificate.Builder().commonName("postvakt").rsa2048().build();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("postvakt", app.keyPair().getPrivate(), new char[0],
                new java.security.cert.Certificate[]{app.certificate()});
        Path pfx = dir.resolve("postvakt.pfx");
        try (var out = Files.newOutputStream(pfx)) {
            ks.store(out, new char[0]);
        }
        assertEquals("app-1", tokens("", pfx).appToken());
        assertTrue(tokenRequests.get(0).containsKey("client_assertion"));
    }

    @Test
    void a_pfx_with_a_password_needs_that_password() throws Exception {
        HeldCertificate app = new HeldCertificate.Builder().commonName("postvakt").rsa2048().build();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("postvakt", app.keyPair().getPrivate(), "s3cret".toCharArray(),
                new java.security.cert.Certificate[] {app.certificate()});
        Path pfx = dir.resolve("protected.pfx");
        try (var out = Files.newOutputStream(pfx)) {
            ks.store(out, "s3cret".toCharArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsalTokens.credential("", pfx));
        assertTrue(e.getMessage().contains("ENTRA_CLIENT_CERTIFICATE_PASSWORD"), e.getMessage());
        assertTrue(MsalTokens.credential("", pfx, "s3cret") != null);
    }

    @Test
    void an_unreadable_certificate_is_a_clear_configuration_error() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsalTokens.credential("", junk));
        assertTrue(e.getMessage().contains("ENTRA_CLIENT_CERTIFICATE_PATH"), e.getMessage());
    }

    @Test
    void a_refused_credential_is_forbidden_not_unavailable() {
        status = 401;
        GraphException e = assertThrows(GraphException.class, () -> tokens("wrong", null).appToken());
        assertEquals(GraphException.Kind.FORBIDDEN, e.kind());
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    }

    @Test
    void gateway_calls_carry_app_and_on_behalf_of_tokens_from_the_authority() {
        try (FakeGraphServer graph = new FakeGraphServer()) {
            graph.addUser("anna@mjolby.se", "Anna Svensson");
            SdkGraphGateway gateway = new SdkGraphGateway(graph.settings(), TokenSource.of(tokens("s3cret", null)));
            gateway.user("anna@mjolby.se");
            gateway.user("anna@mjolby.se");
            gateway.onBehalfOf(fakeJwt("anna")).autoReplies("anna@mjolby.se");
            List<String> auth = graph.requests().stream().map(r -> r.getHeaders().get("authorization")).toList();
            assertEquals(List.of("Bearer app-1", "Bearer app-1", "Bearer obo-2"), auth);
            assertEquals(2, tokenRequests.size());
        }
    }
}
