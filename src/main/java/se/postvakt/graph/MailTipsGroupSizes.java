package se.postvakt.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
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
        CompletableFuture<Map<String, MailTip>> lookup;
        try {
            lookup = CompletableFuture.supplyAsync(() -> fetch(sender, missing), executor);
        } catch (RejectedExecutionException e) {
            return known;
        }
        try {
            lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((address, tip) -> {
                if (tip.totalMemberCount() != null) {
                    known.put(address, tip.totalMemberCount());
                }
            });
        } catch (TimeoutException e) {
            LOG.info("group sizes: Graph mail tips took over {} ms; {} address(es) answered as unknown",
                    timeout.toMillis(), missing.size());
        } catch (ExecutionException e) {
            LOG.warn("group sizes: mail tips failed, sizes unknown: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return known;
    }

    private Map<String, MailTip> fetch(String sender, List<String> addresses) {
        Map<String, MailTip> tips = graph.mailTips(sender, addresses);
        for (String a : addresses) {
            MailTip t = tips.get(a);
            sizes.put(a, Optional.ofNullable(t == null ? null : t.totalMemberCount()));
        }
        return tips;
    }
}
