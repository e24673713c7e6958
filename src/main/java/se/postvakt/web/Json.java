package se.postvakt.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/** The one Jackson setup of the app, and reading request bodies into records with clear 400/415 answers. */
public final class Json {
    /** Shared, thread-safe mapper: unknown fields are ignored, unknown enum values are errors. */
    public static final ObjectMapper MAPPER = create();
    /** Request attribute holding the body limit in bytes, set by the app for every request. */
    public static final String MAX_BYTES_ATTRIBUTE = "postvakt.maxRequestBytes";

    private Json() {
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        m.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).maxNestingDepth(200).build());
        return m;
    }

    /**
     * Reads the request body as {@code type}. A non-JSON content type is 415; malformed JSON, a wrong type or an
     * unknown enum value is 400 naming the field.
     */
    public static <T> T body(Context ctx, Class<T> type) {
        requireJson(ctx);
        Long limit = ctx.attribute(MAX_BYTES_ATTRIBUTE);
        try (InputStream in = limit == null ? ctx.bodyInputStream() : new LimitedInputStream(ctx.bodyInputStream(), limit)) {
            T value = MAPPER.readValue(in, type);
            if (value == null) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return value;
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(413, e.getMessage());
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw ApiException.badRequest("request body could not be read");
        }
    }

    /**
     * Writes {@code value} as the JSON response straight to UTF-8 bytes. {@code ctx.json} builds a {@code String}
     * and then encodes it again; on the routes that answer thousands of times a second that copy shows up.
     */
    public static void respond(Context ctx, Object value) {
        try {
            ctx.contentType(ContentType.APPLICATION_JSON).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be written as JSON", e);
        }
    }

    /** 415 unless the request says its body is JSON. */
    public static void requireJson(Context ctx) {
        String ct = ctx.contentType();
        String base = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!(base.equals("application/json") || base.endsWith("+json"))) {
            throw new ApiException(415, "Content-Type must be application/json (got "
                    + (ct == null || ct.isBlank() ? "none" : "'" + base + "'") + ")");
        }
    }

    /** Turns a Jackson failure into a 400 that names the JSON path and never echoes the input. */
    public static ApiException translate(JsonProcessingException e) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException jm)) {
            var loc = e.getLocation();
            return ApiException.badRequest("malformed JSON" + (loc != null && loc.getLineNr() > 0
                    ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : ""));
        }
        String field = path(jm);
        String message;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(ife.getTargetType().getEnumConstants())
                    .map(c -> c.toString()).toList();
        } else if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            message = "must be " + describe(mi.getTargetType());
        } else {
            message = "has an invalid value";
        }
        return ApiException.field(field.isEmpty() ? "(body)" : field, message);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
