package se.postvakt;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.absence.Absences;
import se.postvakt.audit.AuditApi;
import se.postvakt.audit.AuditLog;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.DevTokens;
import se.postvakt.auth.RemoteJwks;
import se.postvakt.auth.TokenValidator;
import se.postvakt.compose.ComposeApi;
import se.postvakt.compose.ComposeStats;
import se.postvakt.compose.ComposeStatsRepository;
import se.postvakt.config.AppConfig;
import se.postvakt.db.Database;
import se.postvakt.directory.DirectoryApi;
import se.postvakt.db.Sql;
import se.postvakt.graph.GraphGateway;
import se.postvakt.graph.GraphServices;
import se.postvakt.graph.GraphSettings;
import se.postvakt.policy.PolicyApi;
import se.postvakt.policy.PolicyRepository;
import se.postvakt.policy.PolicySchema;
import se.postvakt.policy.PolicyStore;
import se.postvakt.stats.StatsApi;
import se.postvakt.stats.StatsService;
import se.postvakt.stats.StatsSources;
import se.postvakt.sender.GraphReportNotifier;
import se.postvakt.sender.ReportNotifier;
import se.postvakt.sender.SenderApi;
import se.postvakt.web.AddinFiles;
import se.postvakt.web.ApiModule;
import se.postvakt.web.Health;
import se.postvakt.web.Pages;
import se.postvakt.web.RequestLog;

/**
 * One running Postvakt: every object built by hand from the configuration, the HTTP server started, and
 * {@link #close()} to stop it in order (requests finish, then pools close).
 */
public final class Postvakt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Postvakt.class);

    private final AppConfig config;
    private final Database db;
    private final Javalin app;
    private final PolicyStore policy;
    private final DevTokens devTokens;
    private final GraphServices graph;
    private final List<AutoCloseable> closeables;

    private Postvakt(AppConfig config, Database db, Javalin app, PolicyStore policy, DevTokens devTokens,
                     GraphServices graph, List<AutoCloseable> closeables) {
        this.config = config;
        this.graph = graph;
        this.db = db;
        this.app = app;
        this.policy = policy;
        this.devTokens = devTokens;
        this.closeables = closeables;
    }

    public static Postvakt start(AppConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /**
     * Starts with the given Graph gateway instead of the one the configuration describes (tests pass a gateway
     * pointed at a faked Graph); null means build it from the configuration.
     */
    public static Postvakt start(AppConfig config, Clock clock, GraphGateway graphOverride) {
        return start(config, clock, graphOverride, null);
    }

    /** As above, with the statistics sources given (tests pass their own); null means the features' own counts. */
    public static Postvakt start(AppConfig config, Clock clock, GraphGateway graphOverride, StatsSources stats) {
        long t0 = System.nanoTime();
        Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            Sql sql = new Sql(db.dataSource());
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ClassLoaderMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            new UptimeMetrics().bindTo(metrics);

            // A test's own gateway is left alone until used; the configured one starts loading staff names now.
            GraphServices graphServices = GraphServices.over(graphOverride != null ? graphOverride : graphFor(config),
                    GraphSettings.defaults(config.graphBaseUrl()), graphOverride == null);
            closeables.add(graphServices);
            GraphGateway graph = graphServices.gateway();

            PolicyStore policy = new PolicyStore(new PolicyRepository(sql), PolicySchema.standard(config.orgDomains()),
                    clock, Duration.ofSeconds(2));
            policy.current();

            DevTokens devTokens = null;
            TokenValidator validator;
            if (config.authDevMode()) {
                String tenant = config.tenantId().isEmpty() ? DevTokens.DEV_TENANT : config.tenantId();
                String audience = config.authAudience().isEmpty() ? "api://" + DevTokens.DEV_CLIENT : config.authAudience();
                String issuer = config.authIssuer().isEmpty() ? "https://login.microsoftonline.com/" + tenant + "/v2.0" : config.authIssuer();
                devTokens = new DevTokens(issuer, audience, tenant, clock);
                validator = new TokenValidator(devTokens, issuer, audience, tenant, clock);
            } else if (config.entraConfigured()) {
                validator = new TokenValidator(new RemoteJwks(URI.create(config.authJwksUrl()), clock,
                        Duration.ofSeconds(30), Duration.ofHours(12)), config.authIssuer(), config.authAudience(),
                        config.tenantId(), clock);
            } else {
                validator = TokenValidator.refusingAll(clock);
            }

            Map<String, Object> features = new LinkedHashMap<>();
            features.put("entraId", config.authDevMode() ? "dev-mode" : config.entraConfigured() ? "on" : "off");
            features.put("graph", graph.configured() ? "on" : "off");

            List<ApiModule> modules = new ArrayList<>();
            modules.add(new Health(db, metrics, features));
            modules.add(new AddinFiles(config.publicBaseUrl(), config.clientId()));
            modules.add(new PolicyApi(policy));
            ComposeStats composeStats = new ComposeStats(new ComposeStatsRepository(sql), 5_000);
            closeables.add(composeStats);
            modules.add(new ComposeApi(policy, graphServices.groupSizes(), composeStats, clock));
            AuditLog audit = new AuditLog(sql, clock);
            Absences absences = Absences.create(sql, db.isPostgres(), graph, policy, audit, clock,
                    config.reconcileInterval(), Absences.PARALLELISM);
            closeables.add(absences);
            modules.add(absences.api());
            modules.add(new AuditApi(audit));
            modules.add(new DirectoryApi(graph, graphServices.staffDirectory()));
            modules.add(new Pages(config));
            SenderApi sender = SenderApi.create(policy, graphServices.staffDirectory(), sql, graph.configured()
                    ? new GraphReportNotifier(graph) : ReportNotifier.none("Microsoft Graph is not configured"), clock);
            closeables.add(sender);
            modules.add(sender);
            modules.add(new StatsApi(new StatsService(stats != null ? stats
                    : new StatsSources(composeStats.statistics(), sender.statistics(), absences.statistics()))));

            Javalin app = App.create(config, new AccessCheck(validator), new RequestLog(metrics), modules);
            app.start(config.bindAddress(), config.port());
            Postvakt p = new Postvakt(config, db, app, policy, devTokens, graphServices, closeables);
            p.announce(Duration.ofNanos(System.nanoTime() - t0));
            return p;
        } catch (RuntimeException e) {
            closeables.forEach(c -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Start-up already failed; the first error is the one to report.
                }
            });
            db.close();
            throw e;
        }
    }

    /** The Graph gateway the configuration describes: the SDK with msal4j tokens, or "not configured". */
    static GraphGateway graphFor(AppConfig config) {
        return GraphServices.gatewayFor(config, GraphSettings.defaults(config.graphBaseUrl()));
    }

    private void announce(Duration startup) {
        LOG.info("Postvakt listening on {}:{} ({} database) in {} ms; public URL {}", config.bindAddress(), port(),
                db.isPostgres() ? "PostgreSQL" : "H2", startup.toMillis(), config.publicBaseUrl());
        List<String> off = new ArrayList<>();
        if (!config.entraConfigured() && !config.authDevMode()) {
            off.add("Entra ID is not configured (ENTRA_TENANT_ID, ENTRA_CLIENT_ID): every /api call answers 401");
        }
        if (!graph.gateway().configured()) {
            off.add("Microsoft Graph is not configured (ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_PATH): "
                    + "absence enforcement, group sizes, staff names and reports by mail are off");
        }
        if (!off.isEmpty()) {
            LOG.warn("Switched off: {}", String.join("; ", off));
        }
        if (devTokens != null) {
            String domain = config.orgDomains().isEmpty() ? "example.se" : config.orgDomains().get(0);
            StringBuilder sb = new StringBuilder("AUTH_DEV_MODE: tokens signed by an ephemeral key, valid 12 h:");
            sb.append("\n  staff   (anna.svensson@").append(domain).append("): ").append(devToken("staff"));
            sb.append("\n  manager (chef@").append(domain).append("): ").append(devToken("manager"));
            sb.append("\n  admin   (it.admin@").append(domain).append("): ").append(devToken("admin"));
            sb.append("\n  try: curl -H \"Authorization: Bearer <token>\" http://").append(config.bindAddress()).append(':')
                    .append(port()).append("/api/v1/policy");
            LOG.warn(sb.toString());
        }
    }

    /** A dev-mode token for staff, manager or admin; null when dev mode is off. */
    public String devToken(String who) {
        if (devTokens == null) {
            return null;
        }
        String domain = config.orgDomains().isEmpty() ? "example.se" : config.orgDomains().get(0);
        return switch (who) {
            case "manager" -> devTokens.mint("chef@" + domain, "Chef Chefsson", List.of("Postvakt.Manager"));
            case "admin" -> devTokens.mint("it.admin@" + domain, "IT Admin", List.of("Postvakt.Admin"));
            default -> devTokens.mint("anna.svensson@" + domain, "Anna Svensson", List.of());
        };
    }

    public int port() {
        return app.port();
    }

    public PolicyStore policy() {
        return policy;
    }

    public Database database() {
        return db;
    }

    /** The Graph gateway and its adapters: group sizes for the compose check, staff names for the sender check. */
    public GraphServices graph() {
        return graph;
    }

    @Override
    public void close() {
        LOG.info("Postvakt stopping: letting requests finish");
        app.stop();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        db.close();
        LOG.info("Postvakt stopped");
    }
}
