package se.postvakt.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import se.postvakt.web.ApiException.FieldError;

/**
 * Checks a whole submitted policy document against the {@link PolicySchema}: every bad field is named, unknown
 * fields are refused, and a field left out keeps its default. Values come back normalised (domains lower-cased,
 * duplicates dropped).
 */
public final class PolicyValidator {
    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+(xn--[a-z0-9-]{1,59}|[a-z]{2,63})");
    static final Pattern EMAIL = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@" + DOMAIN.pattern());
    private static final int MAX_LIST = 2000;

    private final PolicySchema schema;
    /** Filled in for missing fields; built once, copied where used. */
    private final PolicyDocument defaults;

    public PolicyValidator(PolicySchema schema) {
        this.schema = schema;
        this.defaults = PolicyDocument.defaults(schema);
    }

    /** The normalised sections, or the list of problems (empty result list means valid). */
    public Result validate(JsonNode submitted) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (submitted == null || !submitted.isObject()) {
            errors.add(new FieldError("(body)", "must be a JSON object"));
            return new Result(out, errors);
        }
        unknownFields(submitted, "", errors);
        for (PolicyField f : schema.fields()) {
            JsonNode v = at(submitted, f.path());
            if (v == null || v.isMissingNode()) {
                PolicyDocument.put(out, f.path(), defaults.node(f.path()).deepCopy());
                continue;
            }
            JsonNode normalised = check(f, v, errors);
            if (normalised != null) {
                PolicyDocument.put(out, f.path(), normalised);
            }
        }
        crossChecks(out, errors);
        return new Result(out, errors);
    }

    private void crossChecks(ObjectNode doc, List<FieldError> errors) {
        JsonNode per = at(doc, "attachments.warnBytes");
        JsonNode total = at(doc, "attachments.warnTotalBytes");
        if (per != null && total != null && per.isNumber() && total.isNumber() && total.asLong() < per.asLong()) {
            errors.add(new FieldError("attachments.warnTotalBytes", "must be at least attachments.warnBytes"));
        }
        JsonNode tz = at(doc, "absence.timeZone");
        if (tz != null && tz.isTextual()) {
            try {
                ZoneId.of(tz.asText());
            } catch (DateTimeException e) {
                errors.add(new FieldError("absence.timeZone", "must be a time zone such as Europe/Stockholm"));
            }
        }
    }

    private void unknownFields(JsonNode node, String prefix, List<FieldError> errors) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (prefix.isEmpty() && e.getKey().equals("version")) {
                continue;
            }
            if (schema.field(path) != null) {
                continue;
            }
            boolean isSection = schema.fields().stream().anyMatch(f -> f.path().startsWith(path + "."));
            if (isSection && e.getValue().isObject()) {
                unknownFields(e.getValue(), path, errors);
            } else if (isSection) {
                errors.add(new FieldError(path, "must be an object"));
            } else {
                errors.add(new FieldError(path, "is not a policy field"));
            }
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode cur = root;
        for (String part : path.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }

    private JsonNode check(PolicyField f, JsonNode v, List<FieldError> errors) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        String p = f.path();
        switch (f.kind()) {
            case BYTES, COUNT, DAYS -> {
                long min = f.kind() == FieldKind.COUNT ? 1 : 0;
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    errors.add(new FieldError(p, "must be a whole number"));
                    return null;
                }
                if (v.asLong() < min) {
                    errors.add(new FieldError(p, "must be " + min + " or more"));
                    return null;
                }
                if (f.kind() != FieldKind.BYTES && v.asLong() > 100_000) {
                    errors.add(new FieldError(p, "must be at most 100000"));
                    return null;
                }
                return f.kind() == FieldKind.BYTES ? nf.numberNode(v.asLong()) : nf.numberNode(v.asInt());
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    errors.add(new FieldError(p, "must be true or false"));
                    return null;
                }
                return v;
            }
            case SEVERITY, CHOICE -> {
                if (!v.isTextual() || !f.choices().contains(v.asText())) {
                    errors.add(new FieldError(p, "must be one of " + f.choices()));
                    return null;
                }
                return v;
            }
            case TEXT -> {
                if (!v.isTextual()) {
                    errors.add(new FieldError(p, "must be a string"));
                    return null;
                }
                if (v.asText().length() > f.maxLength()) {
                    errors.add(new FieldError(p, "must be at most " + f.maxLength() + " characters"));
                    return null;
                }
                return v;
            }
            case EMAIL -> {
                if (!v.isTextual()) {
                    errors.add(new FieldError(p, "must be a string"));
                    return null;
                }
                String s = v.asText().strip().toLowerCase(Locale.ROOT);
                if (!s.isEmpty() && !EMAIL.matcher(s).matches()) {
                    errors.add(new FieldError(p, "is not a valid e-mail address"));
                    return null;
                }
                return nf.textNode(s);
            }
            case DOMAINS, ADDRESSES, STRINGS -> {
                return list(f, v, errors);
            }
            default -> throw new IllegalStateException(f.kind().toString());
        }
    }

    private JsonNode list(PolicyField f, JsonNode v, List<FieldError> errors) {
        String p = f.path();
        if (!v.isArray()) {
            errors.add(new FieldError(p, "must be an array"));
            return null;
        }
        if (v.size() > MAX_LIST) {
            errors.add(new FieldError(p, "must have at most " + MAX_LIST + " entries"));
            return null;
        }
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String ip = p + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(new FieldError(ip, "must be a non-empty string"));
                ok = false;
                continue;
            }
            String s = item.asText().strip();
            if (s.length() > f.maxLength()) {
                errors.add(new FieldError(ip, "must be at most " + f.maxLength() + " characters"));
                ok = false;
                continue;
            }
            if (f.kind() == FieldKind.DOMAINS) {
                s = s.toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(s).matches()) {
                    errors.add(new FieldError(ip, "'" + s + "' is not a valid mail domain"));
                    ok = false;
                    continue;
                }
            } else if (f.kind() == FieldKind.ADDRESSES) {
                s = s.toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(s).matches()) {
                    errors.add(new FieldError(ip, "'" + s + "' is not a valid e-mail address"));
                    ok = false;
                    continue;
                }
            }
            seen.add(s);
        }
        if (!ok) {
            return null;
        }
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        seen.forEach(arr::add);
        return arr;
    }

    /** The outcome: the normalised sections, and the problems found (empty when valid). */
    public record Result(ObjectNode document, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
