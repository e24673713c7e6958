package se.postvakt.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.postvakt.db.Sql;
import se.postvakt.web.Json;

/** Stored policy versions. Rows are only ever inserted; the primary key on version is the optimistic lock. */
public final class PolicyRepository {
    private final Sql sql;

    public PolicyRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<PolicyDocument> latest() {
        return sql.one("SELECT version, document, changed_by, changed_at FROM policy_version ORDER BY version DESC LIMIT 1",
                rs -> row(rs.getInt(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "changed_at")));
    }

    /** Newest first. */
    public List<PolicyDocument> history(int limit) {
        return sql.query("SELECT version, document, changed_by, changed_at FROM policy_version ORDER BY version DESC LIMIT ?",
                rs -> row(rs.getInt(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "changed_at")), limit);
    }

    /** Inserts a version; false when that version already exists (someone else saved first). */
    public boolean insert(int version, ObjectNode content, String changedBy, Instant changedAt) {
        try {
            sql.update("INSERT INTO policy_version (version, document, changed_by, changed_at) VALUES (?, ?, ?, ?)",
                    version, Json.MAPPER.writeValueAsString(content), changedBy, changedAt);
            return true;
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PolicyDocument row(int version, String json, String by, Instant at) {
        try {
            return new PolicyDocument(version, (ObjectNode) Json.MAPPER.readTree(json), by, at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy version " + version + " is not JSON", e);
        }
    }
}
