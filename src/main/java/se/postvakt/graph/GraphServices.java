package se.postvakt.graph;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import se.postvakt.compose.GroupSizeLookup;
import se.postvakt.config.AppConfig;
import se.postvakt.sender.StaffDirectory;

/**
 * Everything built on the Graph gateway: the gateway itself (with cached user look-ups), group sizes for the compose
 * check and the staff list for the sender check. Without Graph the adapters answer "unknown" and "nobody", so the
 * checks still run. Closing stops the background work.
 */
public final class GraphServices implements AutoCloseable {
    private final GraphGateway gateway;
    private final GroupSizeLookup groupSizes;
    private final StaffDirectory staffDirectory;
    private final ExecutorService lookups;

    private GraphServices(GraphGateway gateway, GroupSizeLookup groupSizes, StaffDirectory staffDirectory,
                          ExecutorService lookups) {
        this.gateway = gateway;
        this.groupSizes = groupSizes;
        this.staffDirectory = staffDirectory;
        this.lookups = lookups;
    }

    /** The SDK gateway when the configuration has a Graph credential, otherwise {@link NotConfiguredGraph}. */
    public static GraphGateway gatewayFor(AppConfig config, GraphSettings settings) {
        return config.graphConfigured()
                ? new CachingGraphGateway(SdkGraphGateway.fromConfig(config, settings), settings.userCacheTtl())
                : new NotConfiguredGraph();
    }

    /**
     * Adapters over {@code gateway}. With {@code loadNow} the staff list starts loading at once; otherwise on first
     * use. Nothing runs in the background when the gateway is not configured.
     */
    public static GraphServices over(GraphGateway gateway, GraphSettings settings, boolean loadNow) {
        if (!gateway.configured()) {
            return new GraphServices(gateway, GroupSizeLookup.UNKNOWN, StaffDirectory.of(List.of()), null);
        }
        // Bounded: if Graph hangs, send-path look-ups are refused (answered "unknown") instead of piling up threads.
        ThreadPoolExecutor lookups = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(200),
                r -> {
                    Thread t = new Thread(r, "postvakt-graph-lookup");
                    t.setDaemon(true);
                    return t;
                });
        lookups.allowCoreThreadTimeOut(true);
        GraphStaffDirectory staff = new GraphStaffDirectory(gateway, settings.staffRefresh());
        if (loadNow) {
            staff.start();
        }
        return new GraphServices(gateway,
                new MailTipsGroupSizes(gateway, settings.groupSizeTtl(), settings.lookupTimeout(), lookups), staff,
                lookups);
    }

    public GraphGateway gateway() {
        return gateway;
    }

    /** For the compose check: distribution list sizes from mail tips. */
    public GroupSizeLookup groupSizes() {
        return groupSizes;
    }

    /** For the sender check: staff names, refreshed in the background. */
    public StaffDirectory staffDirectory() {
        return staffDirectory;
    }

    @Override
    public void close() {
        if (staffDirectory instanceof GraphStaffDirectory g) {
            g.close();
        }
        if (lookups != null) {
            lookups.shutdownNow();
        }
    }
}
