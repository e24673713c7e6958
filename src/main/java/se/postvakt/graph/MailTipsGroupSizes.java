package se.postvakt.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.compose.GroupSizeLookup;

/**
 * Group sizes from mail tips ({@code totalMemberCount}), which count distribution lists, dynamic lists and Microsoft
 * 365 groups alike. Sizes are cached for an hour. On the send path the wait is short: what is not known by then is
 * answered as unknown, and the look-up finishes in the background so the next check has it.
 */
public final class MailTipsGroupSizes implements GroupSizeLookup {
    private static final Logger LOG = LoggerFactory.getLogger(MailTipsGroupSizes.class);

    private final GraphGateway graph;
    private final Duration timeout;
    private final Executor executor;
    /** Empty Optional: a plain mailbox or an address without a member count, also worth remembering. */
    private final Cache<String, Optional<Integer>> sizes;
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    public MailTipsGroupSizes(GraphGateway graph, Duration ttl, Duration timeout, Executor executor) {
        this.graph = graph;
        this.timeout = timeout;
        this.executor = executor;
        this.sizes = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(50_000).build();
    }

    @Override
    public Map<String, Integer> sizes(String sender, Collection<String> groupAddresses) {
        Map<String, Integer> known = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String a : groupAddresses) {
            String key = a.toLowerCase(Locale.ROOT);
            Optional<Integer> cached = sizes.getIfPresent(key);
            if (cached == null) {
                missing.add(key);
            } else {
                cached.ifPresent(n -> known.put(key, n));
            }
        }
        if (missing.isEmpty() || !graph.configured()) {
            return known;
        }
        try {
            CompletableFuture.allOf(lookupsFor(sender, missing).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("group sizes: Graph mail tips took over {} ms; answering what is known", timeout.toMillis());
        } catch (ExecutionException e) {
            LOG.warn("group sizes: mail tips failed, sizes unknown: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            LOG.warn("group sizes: too many look-ups waiting for Graph; sizes unknown");
        }
        for (String key : missing) {
            Optional<Integer> found = sizes.getIfPresent(key);
            if (found != null) {
                found.ifPresent(n -> known.put(key, n));
            }
        }
        return known;
    }

    /** Joins look-ups already under way and starts one for the rest, so a slow Graph is not asked again and again. */
    private Set<CompletableFuture<Void>> lookupsFor(String sender, List<String> missing) {
        Set<CompletableFuture<Void>> waits = new HashSet<>();
        List<String> start = new ArrayList<>();
        for (String key : missing) {
            CompletableFuture<Void> running = pending.get(key);
            if (running != null) {
                waits.add(running);
            } else {
                start.add(key);
            }
        }
        if (!start.isEmpty()) {
            CompletableFuture<Void> lookup = new CompletableFuture<>();
            start.forEach(key -> pending.put(key, lookup));
            try {
                executor.execute(() -> {
                    RuntimeException failure = null;
                    try {
                        fetch(sender, start);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    // Unlisted before completing, so a caller woken by the completion starts afresh after a failure.
                    start.forEach(key -> pending.remove(key, lookup));
                    if (failure == null) {
                        lookup.complete(null);
                    } else {
                        lookup.completeExceptionally(failure);
                    }
                });
            } catch (RejectedExecutionException e) {
                start.forEach(key -> pending.remove(key, lookup));
                throw e;
            }
            waits.add(lookup);
        }
        return waits;
    }

    private void fetch(String sender, List<String> addresses) {
        Map<String, MailTip> tips = graph.mailTips(sender, addresses);
        for (String a : addresses) {
            MailTip t = tips.get(a);
            sizes.put(a, Optional.ofNullable(t == null ? null : t.totalMemberCount()));
        }
    }
}
