package dev.lipschitzw1.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.json.JsonMappers;
import dev.lipschitzw1.provenance.Provenance;
import dev.lipschitzw1.provenance.SourceDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #ENTRY} of every lipschitz-w1 container ({@link Container}: critic, generator and training-checkpoint
 * files; the estimator's checkpoint directory): what the content is and where it came from.
 * <pre>
 *   {"format": "lipschitz-w1-critic", "formatVersion": 3,
 *    "library": {"version": "0.1.0", "commit": "9d4158e…"},
 *    "sources": [{"name": "mnist-test", "sha256": "…", "covers": "all 10000 images"}, …]}
 * </pre>
 * No time stamp, so that the same content written twice gives the same bytes.
 *
 * @param format         the content's format name, e.g. {@code lipschitz-w1-generator}
 * @param formatVersion  the content's layout version (the reader of that format decides what it accepts)
 * @param libraryVersion the toolkit version that wrote it
 * @param commit         the git commit of that build ({@link Provenance#buildCommit()})
 * @param sources        the data the content was computed from (empty when none or not known)
 */
public record ContainerManifest(String format, int formatVersion, String libraryVersion, String commit,
                                List<SourceDigest> sources) {
    /** The manifest's entry (or file, in a directory container). */
    public static final String ENTRY = "manifest.json";
    private static final ObjectMapper JSON = JsonMappers.create();

    public ContainerManifest {
        sources = List.copyOf(sources);
    }

    /** A manifest for content written now by this build. */
    public static ContainerManifest current(String format, int formatVersion, List<SourceDigest> sources) {
        return new ContainerManifest(format, formatVersion, Provenance.buildProperties().getProperty("version",
                "unknown"), Provenance.buildCommit(), sources);
    }

    /** The manifest as JSON. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("formatVersion", formatVersion);
        ObjectNode library = root.putObject("library");
        library.put("version", libraryVersion);
        library.put("commit", commit);
        root.set("sources", JSON.valueToTree(sources));
        return root;
    }

    /** The manifest as the pretty-printed UTF-8 JSON of its entry or file. */
    public byte[] toBytes() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /**
     * Parses a manifest read from {@code file}.
     *
     * @throws CorruptDataException naming the file and the field that is missing or malformed
     */
    public static ContainerManifest parse(byte[] json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new CorruptDataException(file, -1, ENTRY, "not JSON (" + e.getMessage() + ")", "a manifest", e);
        }
        String format = root.path("format").asText("");
        int version = root.path("formatVersion").asInt(-1);
        if (format.isEmpty() || version < 1) {
            throw new CorruptDataException(file, -1, ENTRY + ": format, formatVersion", format + " v" + version,
                    "a format name and a version ≥ 1");
        }
        List<SourceDigest> sources = new ArrayList<>();
        for (JsonNode s : root.path("sources")) {
            sources.add(new SourceDigest(s.path("name").asText(), s.path("sha256").asText(), s.path("covers")
                    .asText()));
        }
        return new ContainerManifest(format, version, root.path("library").path("version").asText("unknown"),
                root.path("library").path("commit").asText("unknown"), sources);
    }

    /**
     * Throws unless this manifest is of {@code expectedFormat} at {@code expectedVersion}.
     *
     * @throws CorruptDataException naming the file, what it holds and what was expected
     */
    public void require(String expectedFormat, int expectedVersion, Path file) {
        if (!format.equals(expectedFormat) || formatVersion != expectedVersion) {
            throw new CorruptDataException(file, -1, ENTRY + ": format", format + " v" + formatVersion,
                    expectedFormat + " v" + expectedVersion);
        }
    }
}
