package dev.lipschitzw1.generator.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.generator.DcganArchitecture;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DCGAN generator on disk: one zip archive holding
 * <pre>
 *   generator.json           {"format": "lipschitz-w1-generator", "formatVersion": 1,
 *                             "architecture": {DcganArchitecture}, "info": {free-form provenance}}
 *   parameters/NAME.npy      one float32 tensor per parameter (DcganGenerator.parameterShapes), NumPy .npy 1.0
 * </pre>
 * The network is rebuilt from the architecture by code, so the file holds numbers only: no code, no graph. Reading
 * checks every CRC, the format name and version, the architecture, and the presence and shape of every tensor.
 *
 * @param architecture the generator's shape
 * @param parameters tensors by name
 * @param info provenance: for the shipped generators the training config, seed, steps, training time and data
 * @param sources the training data's {@link SourceDigest}s, from the container's manifest (empty for files written
 *                before manifests existed, such as the shipped generators)
 */
public record GeneratorFile(DcganArchitecture architecture, Map<String, INDArray> parameters, ObjectNode info,
                            List<SourceDigest> sources) {
    /** The value of {@code format} in generator.json. */
    public static final String FORMAT = "lipschitz-w1-generator";
    /** The format version written and read. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest entry. */
    public static final String MANIFEST = "generator.json";
    private static final String PARAMETERS = "parameters/";

    public GeneratorFile {
        InvalidConfigException.require(architecture != null, "generatorFile.architecture", null, "an architecture");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        info = info == null ? Json.MAPPER.createObjectNode() : info.deepCopy();
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The file of a generator's current parameters (copied, as float32), trained on {@code sources}. */
    public static GeneratorFile of(DcganGenerator g, ObjectNode info, List<SourceDigest> sources) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        g.parameters().forEach((k, v) -> copy.put(k, v.castTo(DataType.FLOAT).dup()));
        return new GeneratorFile(g.architecture(), copy, info, sources);
    }

    /** A float32 generator with these parameters, ready to sample. */
    public DcganGenerator toGenerator() {
        return DcganGenerator.withParameters(architecture, parameters, DataType.FLOAT);
    }

    /** Writes the archive atomically (a reader never sees a partial file). */
    public void write(Path target) {
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeTo(out);
            }
        });
    }

    /**
     * Writes the archive to a stream: a {@link Container} (its manifest with the sources), then generator.json and
     * the tensors in a fixed order, with fixed time stamps (byte-reproducible).
     */
    public void writeTo(OutputStream out) throws IOException {
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", FORMAT_VERSION);
        manifest.set("architecture", Json.tree(architecture));
        manifest.set("info", info);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            entries.put(PARAMETERS + e.getKey() + ".npy", NpyArrays.encode(e.getValue()));
        }
        Container.writeTo(out, ContainerManifest.current(FORMAT, FORMAT_VERSION, sources), entries);
    }

    /**
     * Reads a generator file.
     *
     * @throws dev.lipschitzw1.errors.SourceNotFoundException if it does not exist
     * @throws CorruptDataException naming the file and what is wrong: not a zip, truncated, not a generator file,
     *         another format version, a missing or misshapen tensor
     */
    public static GeneratorFile read(Path file) {
        return parse(Container.read(file, "give the path of a generator .zip written by this toolkit"));
    }

    /** Reads a generator file from a stream (e.g. a class-path resource); {@code name} names it in messages. */
    public static GeneratorFile read(InputStream in, Path name) {
        try {
            return parse(Container.read(in, name));
        } catch (IOException e) {
            throw new dev.lipschitzw1.errors.DataIoException(name, "read", e);
        }
    }

    private static GeneratorFile parse(Container zip) {
        Path file = zip.file();
        JsonNode manifest = Json.parseEntry(zip.require(MANIFEST, "the manifest of a lipschitz-w1 generator file"),
                file, MANIFEST);
        String format = manifest.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new CorruptDataException(file, -1, MANIFEST + ": format", "'" + format + "'", "'" + FORMAT + "'");
        }
        int version = manifest.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new CorruptDataException(file, -1, MANIFEST + ": formatVersion", String.valueOf(version),
                    String.valueOf(FORMAT_VERSION));
        }
        DcganArchitecture architecture;
        try {
            architecture = Json.MAPPER.treeToValue(manifest.path("architecture"), DcganArchitecture.class);
        } catch (IOException | IllegalArgumentException | InvalidConfigException e) {
            throw new CorruptDataException(file, -1, MANIFEST + ": architecture", "invalid (" + e.getMessage() + ")",
                    "a DCGAN architecture", e);
        }
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : DcganGenerator.parameterShapes(architecture).entrySet()) {
            String entry = PARAMETERS + e.getKey() + ".npy";
            INDArray a = NpyArrays.decode(zip.require(entry, "a .npy tensor"), file, entry);
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new CorruptDataException(file, -1, entry + ": shape", Arrays.toString(a.shape()),
                        Arrays.toString(e.getValue()) + " for architecture " + architecture);
            }
            parameters.put(e.getKey(), a.castTo(DataType.FLOAT));
        }
        long extra = zip.entries().keySet().stream().filter(n -> n.startsWith(PARAMETERS)).count();
        if (extra != parameters.size()) {
            throw new CorruptDataException(file, -1, "parameter entries", String.valueOf(extra),
                    parameters.size() + " (" + parameters.keySet() + ")");
        }
        JsonNode info = manifest.path("info");
        ContainerManifest container = zip.manifest();
        if (container != null) {
            container.require(FORMAT, FORMAT_VERSION, file);
        }
        return new GeneratorFile(architecture, parameters, info.isObject() ? (ObjectNode) info : null,
                container == null ? List.of() : container.sources());
    }
}
