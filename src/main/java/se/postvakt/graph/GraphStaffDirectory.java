package se.postvakt.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.sender.StaffDirectory;

/**
 * The staff name list, loaded page by page from Graph on a background thread and reloaded on a schedule. Reads never
 * wait: until the first load finishes the list is empty, and a failed reload keeps the previous list. The server starts
 * loading at start-up; a directory over a test's own gateway starts on first use, so it makes no calls unasked.
 */
public final class GraphStaffDirectory implements StaffDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphStaffDirectory.class);

    private final GraphGateway graph;
    private final AtomicLong version = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final Duration refresh;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile List<Person> people = List.of();

    /** Loading starts on {@link #start()} or on the first read, then repeats every {@code refresh}. */
    public GraphStaffDirectory(GraphGateway graph, Duration refresh) {
        this.graph = graph;
        this.refresh = refresh;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postvakt-staff-directory");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the background loading now (idempotent); reads start it too. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public List<Person> people() {
        start();
        return people;
    }

    @Override
    public long version() {
        start();
        return version.get();
    }

    /** Loads every page now; the list and version change only when the names do. */
    public void refresh() {
        List<Person> loaded = new ArrayList<>();
        String token = null;
        do {
            Page<GraphUser> page = graph.listUsers(token);
            for (GraphUser u : page.items()) {
                String address = u.mail() != null ? u.mail() : u.userPrincipalName();
                if (u.displayName() != null && !u.displayName().isBlank() && address != null) {
                    loaded.add(new Person(u.displayName(), address));
                }
            }
            token = page.nextPageToken();
        } while (token != null);
        List<Person> fresh = List.copyOf(loaded);
        if (!fresh.equals(people)) {
            people = fresh;
            version.incrementAndGet();
            LOG.info("staff directory: {} people loaded from Graph", fresh.size());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("staff directory: reload from Graph failed, keeping {} people: {}", people.size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
