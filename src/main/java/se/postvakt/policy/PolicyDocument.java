package se.postvakt.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.postvakt.web.Json;

/**
 * One version of the policy document: an immutable JSON tree that holds every field of the {@link PolicySchema},
 * with typed reads by dotted path. Callers never get the tree itself, only copies.
 */
public final class PolicyDocument {
    private final int version;
    private final ObjectNode tree;
    private final String changedBy;
    private final Instant changedAt;

    PolicyDocument(int version, ObjectNode tree, String changedBy, Instant changedAt) {
        this.version = version;
        this.tree = tree.deepCopy();
        this.tree.remove("version");
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    /** A document of the schema's defaults, version 0 (not stored). */
    public static PolicyDocument defaults(PolicySchema schema) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (PolicyField f : schema.fields()) {
            put(root, f.path(), Json.MAPPER.valueToTree(f.defaultValue()));
        }
        return new PolicyDocument(0, root, "system", Instant.EPOCH);
    }

    public int version() {
        return version;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }

    /** The document as the API shows it: every section plus {@code version}. */
    public ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", version);
        out.setAll(tree.deepCopy());
        return out;
    }

    /** The sections without the version, as stored. */
    ObjectNode content() {
        return tree.deepCopy();
    }

    public JsonNode node(String path) {
        JsonNode cur = tree;
        for (String part : path.split("\\.")) {
            cur = cur == null ? null : cur.get(part);
        }
        return cur;
    }

    public long getLong(String path) {
        return require(path).asLong();
    }

    public int getInt(String path) {
        return require(path).asInt();
    }

    public boolean getBoolean(String path) {
        return require(path).asBoolean();
    }

    /** The organisation's time zone ({@code absence.timeZone}); Europe/Stockholm if a stored value is unusable. */
    public java.time.ZoneId timeZone() {
        try {
            return java.time.ZoneId.of(getString("absence.timeZone"));
        } catch (RuntimeException e) {
            return java.time.ZoneId.of("Europe/Stockholm");
        }
    }

    public String getString(String path) {
        return require(path).asText();
    }

    public List<String> getList(String path) {
        List<String> out = new ArrayList<>();
        require(path).forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private JsonNode require(String path) {
        JsonNode n = node(path);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("policy has no field " + path);
        }
        return n;
    }

    static void put(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = cur.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = cur.putObject(parts[i]);
            }
            cur = (ObjectNode) next;
        }
        cur.set(parts[parts.length - 1], value);
    }
}
