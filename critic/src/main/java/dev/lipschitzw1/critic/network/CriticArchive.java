package dev.lipschitzw1.critic.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The critic file: a {@link Container} (manifest.json: format, version, library version and commit, the SHA-256 of
 * the data the critic was trained on) with two entries of its own,
 * <pre>
 *   critic.json   {"format": "lipschitz-w1-critic", "version": 2, "config": {CriticConfig}}
 *   arrays.bin    the parameters and layer state (OSSN's u, v) by name, in {@link NamedArrays}' layout
 * </pre>
 * Loading rebuilds the critic from the config (so the code defines the operations) and copies every array, checking
 * names and shapes; files written before containers had a manifest load the same way. Written atomically (temporary
 * file, then rename). Version 1 files held
 * a SameDiff graph of the engine before 0.2; they are refused with a message saying so.
 */
final class CriticArchive {

    static final String FORMAT = "lipschitz-w1-critic";
    static final int VERSION = 2;
    private static final String CONFIG_ENTRY = "critic.json";
    private static final String ARRAYS_ENTRY = "arrays.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The local-file-header signature every zip archive starts with ("PK\3\4", little-endian). */
    private static final int ZIP_SIGNATURE = 0x04034B50;

    private CriticArchive() {
    }

    static void save(Critic critic, Path file, List<SourceDigest> sources) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("config", parse(critic.config().toJson()));
        ByteArrayOutputStream arrays = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(arrays)) {
            NamedArrays.write(out, critic.parameters());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the critic's arrays in memory", e);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(CONFIG_ENTRY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the critic's config", e);
        }
        entries.put(ARRAYS_ENTRY, arrays.toByteArray());
        Container.write(file, ContainerManifest.current(FORMAT, VERSION, sources), entries);
    }

    /** The bytes in file order, e.g. {@code 1F 8B 08 00}, or {@code an empty file}. */
    private static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "an empty file";
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b));
        }
        return bytes.length < 4 ? sb + " (a " + bytes.length + "-byte file)" : sb.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("critic config is not JSON: " + json, e);
        }
    }

    /**
     * Reads a critic file.
     * @throws DataIoException if the file cannot be opened (missing, unreadable, a directory)
     * @throws CorruptDataException naming the file and what is wrong: not a zip, truncated, entries missing, a config
     *         that is not a critic's, variables that do not fit the config
     */
    static Critic load(Path file) {
        byte[] config = null;
        byte[] arrays = null;
        InputStream in;
        try {
            if (Files.isDirectory(file)) {
                throw new FileSystemException(file.toString(), null, "a directory, not a critic file");
            }
            in = new BufferedInputStream(Files.newInputStream(file));
        } catch (IOException e) {
            throw new DataIoException(file, "read critic", e);
        }
        try (in; ZipInputStream zip = new ZipInputStream(in)) {
            in.mark(4);
            byte[] signature = in.readNBytes(4);
            if (signature.length < 4 || ByteBuffer.wrap(signature).order(ByteOrder.LITTLE_ENDIAN).getInt()
                    != ZIP_SIGNATURE) {
                throw new CorruptDataException(file, 0, "zip signature", hex(signature),
                        "50 4B 03 04 (a critic file written by Critic.save is a zip archive)");
            }
            in.reset();
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(CONFIG_ENTRY)) {
                    config = zip.readAllBytes();
                } else if (e.getName().equals(ARRAYS_ENTRY)) {
                    arrays = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new CorruptDataException(file, -1, "zip archive", "truncated or damaged (" + e + ")",
                    "a complete critic file written by Critic.save", e);
        }
        if (config == null) {
            throw new CorruptDataException(file, -1, "zip entries", "no " + CONFIG_ENTRY, CONFIG_ENTRY + " and "
                    + ARRAYS_ENTRY);
        }
        CriticConfig cfg;
        try {
            JsonNode root = JSON.readTree(new String(config, StandardCharsets.UTF_8));
            String format = root.path("format").asText();
            int version = root.path("version").asInt(-1);
            if (FORMAT.equals(format) && version == 1) {
                throw new CorruptDataException(file, -1, CONFIG_ENTRY + " format", format + " v1 (a SameDiff graph "
                        + "of the engine before 0.2)", FORMAT + " v" + VERSION + ": re-run the estimate that wrote it");
            }
            if (!FORMAT.equals(format) || version != VERSION) {
                throw new CorruptDataException(file, -1, CONFIG_ENTRY + " format", format + " v" + version,
                        FORMAT + " v" + VERSION);
            }
            cfg = CriticConfig.fromJson(root.get("config").toString());
        } catch (IOException | InvalidConfigException | NullPointerException e) {
            throw new CorruptDataException(file, -1, CONFIG_ENTRY, e.getMessage(), "a critic config", e);
        }
        if (arrays == null) {
            throw new CorruptDataException(file, -1, "zip entries", "no " + ARRAYS_ENTRY, CONFIG_ENTRY + " and "
                    + ARRAYS_ENTRY);
        }
        Critic critic = Critic.create(cfg);
        Map<String, INDArray> saved;
        try (DataInputStream in2 = new DataInputStream(new ByteArrayInputStream(arrays))) {
            saved = NamedArrays.read(in2, file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptDataException c) {
                throw c;
            }
            throw new CorruptDataException(file, -1, ARRAYS_ENTRY, e.toString(), "the critic's named arrays", e);
        }
        try {
            critic.setParameters(saved);
            return critic;
        } catch (ShapeMismatchException e) {
            throw new CorruptDataException(file, -1, ARRAYS_ENTRY, e.getMessage(),
                    "the arrays of the critic its config describes", e);
        }
    }
}
