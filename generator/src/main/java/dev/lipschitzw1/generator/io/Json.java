package dev.lipschitzw1.generator.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The module's JSON mapping: records as objects (component names as keys), unknown keys rejected on reading, output
 * indented, non-finite numbers written as null and null read as NaN ({@link JsonMappers}, the project's one rule).
 * Configs round-trip through it (tested).
 */
public final class Json {
    /** The shared mapper; configured once, never changed afterwards. */
    public static final ObjectMapper MAPPER = JsonMappers.create()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    /** {@code value} as indented JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new W1Exception("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(),
                    e);
        }
    }

    /** {@code value} as a JSON tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Reads a config record from JSON text.
     *
     * @throws InvalidConfigException naming {@code what} and the parser's complaint (unknown key, wrong type, …)
     */
    public static <T> T readConfig(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof InvalidConfigException ic ? ic : null;
            if (cause != null) {
                throw (InvalidConfigException) cause;
            }
            throw new InvalidConfigException(what, e.getOriginalMessage(), "valid JSON for " + type.getSimpleName());
        }
    }

    /**
     * Parses a JSON entry of an archive.
     *
     * @throws CorruptDataException naming the file and entry when it is not valid JSON
     */
    public static JsonNode parseEntry(byte[] bytes, Path file, String entry) {
        try {
            return MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CorruptDataException(file, -1, "zip entry " + entry, "not valid JSON (" + e.getOriginalMessage()
                    + ")", "a JSON document", e);
        }
    }

    /** A {@link Provenance} as a JSON object (the start time in ISO-8601). */
    public static ObjectNode provenance(Provenance p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seed", p.seed());
        o.put("version", p.version());
        o.put("nd4jVersion", p.nd4jVersion());
        o.put("nd4jBackend", p.nd4jBackend());
        o.put("javaVersion", p.javaVersion());
        o.put("osArch", p.osArch());
        o.put("threads", p.threads());
        o.put("startedAt", p.startedAt().toString());
        o.set("config", parseOrText(p.configJson()));
        return o;
    }

    private static JsonNode parseOrText(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }
}
