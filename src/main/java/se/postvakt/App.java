package se.postvakt;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import se.postvakt.auth.AccessCheck;
import se.postvakt.config.AppConfig;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiModule;
import se.postvakt.web.ErrorMapper;
import se.postvakt.web.Json;
import se.postvakt.web.RequestLog;

/** The one factory of the HTTP app; {@link Postvakt} and the tests both build the server through it. */
public final class App {
    private App() {
    }

    public static Javalin create(AppConfig settings, AccessCheck access, RequestLog requestLog, List<ApiModule> modules) {
        long maxRequestBytes = settings.maxRequestBytes();
        return Javalin.create(config -> {
            config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            // Jetty keeps a per-connection cache of header fields up to this length and matches every incoming
            // header against it character by character. A bearer token (1-2.5 kB, different per person) gains
            // nothing from it but cost ≈ 5 % of a compose check while it fitted the default 1024; Host,
            // Content-Type and the like are far shorter and stay cached.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(512));
            // A pool sized to the machine: on two cores hundreds of runnable threads only add switching and tail latency.
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(
                    Integer.getInteger("postvakt.maxThreads", 32), 8, 60_000);
            if (settings.tlsKeystorePath() != null) {
                config.jetty.addConnector((server, http) -> httpsConnector(server, http, settings));
            }
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = maxRequestBytes;
            config.http.generateEtags = true;
            config.router.ignoreTrailingSlashes = true;
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/static";
                sf.location = Location.CLASSPATH;
                sf.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            config.requestLogger.http(requestLog::handle);
            config.routes.before(ctx -> {
                ctx.attribute(Json.MAX_BYTES_ATTRIBUTE, maxRequestBytes);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                long length = ctx.req().getContentLengthLong();
                if (length > maxRequestBytes) {
                    throw new ApiException(413, "request body is " + length + " bytes; the limit is " + maxRequestBytes);
                }
            });
            // Classic Outlook runs the launch-event script in a JavaScript-only runtime whose requests are
            // cross-origin. The API takes bearer tokens only (no cookies), so any origin may call it with one.
            config.routes.before("/api/*", ctx -> ctx.header("Access-Control-Allow-Origin", "*"));
            config.routes.before("/api/*", access::authenticate);
            config.routes.beforeMatched("/api/*", access::authorise);
            config.routes.after("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
            ErrorMapper.register(config.routes);
            for (ApiModule m : modules) {
                m.register(config.routes);
            }
        });
    }

    /** HTTPS straight from Jetty when a keystore is configured (Outlook loads add-ins only over https). */
    private static Connector httpsConnector(Server server, HttpConfiguration http, AppConfig settings) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(settings.tlsKeystorePath().toString());
        ssl.setKeyStorePassword(settings.tlsKeystorePassword());
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        return connector;
    }
}
