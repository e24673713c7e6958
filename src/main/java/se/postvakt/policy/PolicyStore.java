package se.postvakt.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiException.FieldError;

/**
 * The policy as every other part reads it. Reads go through a cache of a few seconds, so checks do not touch the
 * database per request and a change saved on another instance arrives within {@code cacheTtl}.
 */
public final class PolicyStore {
    private final PolicyRepository repository;
    private final PolicySchema schema;
    private final PolicyValidator validator;
    private final Clock clock;
    private final LoadingCache<String, PolicyDocument> cache;

    public PolicyStore(PolicyRepository repository, PolicySchema schema, Clock clock, Duration cacheTtl) {
        this.repository = repository;
        this.schema = schema;
        this.validator = new PolicyValidator(schema);
        this.clock = clock;
        // Reloaded in the background after half the cache time, so under traffic no check waits for the database;
        // expiry after the whole cache time keeps the promise that another instance's change shows within it.
        Caffeine<Object, Object> builder = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(1);
        if (!cacheTtl.dividedBy(2).isZero()) {
            builder.refreshAfterWrite(cacheTtl.dividedBy(2)); // a zero cache time (tests) reads every time
        }
        this.cache = builder.build(k -> load());
    }

    public PolicySchema schema() {
        return schema;
    }

    /** The current document; on first run the schema's defaults are stored as version 1. */
    public PolicyDocument current() {
        return cache.get("current");
    }

    private PolicyDocument load() {
        return repository.latest().map(this::withNewFields).orElseGet(() -> {
            PolicyDocument defaults = PolicyDocument.defaults(schema);
            repository.insert(1, defaults.content(), "system", clock.instant());
            return repository.latest().orElseThrow();
        });
    }

    /** A stored document from before a field was added gets that field's default when read. */
    private PolicyDocument withNewFields(PolicyDocument stored) {
        PolicyValidator.Result r = validator.validate(stored.toJson());
        if (!r.valid()) {
            return stored;
        }
        return new PolicyDocument(stored.version(), r.document(), stored.changedBy(), stored.changedAt());
    }

    /**
     * Replaces the document. The submitted {@code version} must be the current one (else 409); every bad field is
     * reported at once (400) and nothing is changed.
     */
    public PolicyDocument update(JsonNode submitted, String changedBy) {
        if (submitted == null || !submitted.isObject()) {
            throw ApiException.field("(body)", "must be a JSON object");
        }
        JsonNode v = submitted.get("version");
        List<FieldError> errors = new ArrayList<>();
        if (v == null || !v.isIntegralNumber()) {
            errors.add(new FieldError("version", "must be the whole-number version the change is based on"));
        }
        PolicyValidator.Result result = validator.validate(submitted);
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        PolicyDocument current = repository.latest().orElseGet(this::current);
        if (v.asInt() != current.version()) {
            throw ApiException.conflict("the policy was changed by " + current.changedBy() + " (now version "
                    + current.version() + ", your change is based on version " + v.asInt() + "); reload and apply your change again");
        }
        if (!repository.insert(current.version() + 1, result.document(), changedBy, clock.instant())) {
            throw ApiException.conflict("the policy was changed at the same moment by someone else; reload and try again");
        }
        cache.invalidateAll();
        return current();
    }

    /** Newest first: who changed what, as field-by-field differences against the version before. */
    public List<Change> history(int limit) {
        List<PolicyDocument> versions = repository.history(limit + 1);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, versions.size()); i++) {
            PolicyDocument doc = versions.get(i);
            PolicyDocument prev = i + 1 < versions.size() ? versions.get(i + 1) : null;
            List<Difference> diffs = new ArrayList<>();
            if (prev != null) {
                diff("", prev.content(), doc.content(), diffs);
            }
            out.add(new Change(doc.version(), prev == null ? null : prev.version(), doc.changedBy(),
                    doc.changedAt().toString(), diffs));
        }
        return out;
    }

    static void diff(String prefix, JsonNode before, JsonNode after, List<Difference> out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(prefix.isEmpty() ? k : prefix + "." + k, before.get(k), after.get(k), out);
            }
        } else if (!Objects.equals(before, after)) {
            out.add(new Difference(prefix, before, after));
        }
    }

    /** One stored version and what it changed. */
    public record Change(int version, Integer previousVersion, String changedBy, String changedAt, List<Difference> changes) {
    }

    /** One field's value before and after. */
    public record Difference(String path, JsonNode before, JsonNode after) {
    }
}
