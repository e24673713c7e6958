package se.postvakt.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import se.postvakt.Postvakt;
import se.postvakt.config.AppConfig;
import se.postvakt.config.ConfigLoader;

/**
 * A real Postvakt on a free loopback port with a throw-away H2 database and Entra-ID-shaped auth: the JWKS is
 * served by a MockWebServer, and {@link #keys} signs tokens it accepts. Use in try-with-resources.
 */
public final class TestServer implements AutoCloseable {
    public final TestKeys keys = new TestKeys();
    private final MockWebServer jwksServer = new MockWebServer();
    private volatile String jwksBody;
    private final Postvakt postvakt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer() {
        this(Map.of());
    }

    /** {@code env} overrides or adds settings, for example {@code DATABASE_URL} for PostgreSQL. */
    public TestServer(Map<String, String> env) {
        this(env, null);
    }

    /** With a Graph gateway of the test's choosing (for example one pointed at a faked Graph server). */
    public TestServer(Map<String, String> env, se.postvakt.graph.GraphGateway graph) {
        jwksBody = TestKeys.jwks(keys);
        jwksServer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(jwksBody).build();
            }
        });
        try {
            jwksServer.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        postvakt = Postvakt.start(config(env), Clock.systemUTC(), graph);
    }

    public AppConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATABASE_URL", "jdbc:h2:mem:pv-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        env.put("ENTRA_TENANT_ID", TestKeys.TENANT);
        env.put("ENTRA_CLIENT_ID", TestKeys.CLIENT);
        env.put("AUTH_JWKS_URL", jwksServer.url("/keys").toString());
        env.put("ORG_DOMAINS", "mjolby.se");
        env.put("PUBLIC_BASE_URL", "https://postvakt.test.example");
        env.putAll(overrides);
        return ConfigLoader.load(env, null);
    }

    /** Publishes a new JWKS (key rotation). */
    public void publishKeys(TestKeys... keys) {
        jwksBody = TestKeys.jwks(keys);
    }

    public Postvakt postvakt() {
        return postvakt;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + postvakt.port();
    }

    public HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), token);
    }

    public HttpResponse<String> post(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public HttpResponse<String> put(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public HttpResponse<String> patch(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE(), token);
    }

    public HttpResponse<String> send(HttpRequest.Builder req, String token) {
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        postvakt.close();
        jwksServer.close();
    }
}
