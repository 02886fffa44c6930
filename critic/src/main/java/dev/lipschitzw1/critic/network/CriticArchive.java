package dev.lipschitzw1.critic.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.orthogonal.EagerBjorck;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The critic file: a zip with two entries,
 * <pre>
 *   critic.json   {"format": "lipschitz-w1-critic", "version": 1, "config": {CriticConfig}}
 *   graph.sd      SameDiff.save(…, false) of the critic's graph (parameters and layer state such as OSSN's u, v)
 * </pre>
 * Loading rebuilds the graph from the config (so the code defines the operations) and copies every variable from the
 * saved graph, checking names and shapes. Written atomically (temporary file, then move).
 */
final class CriticArchive {

    static final String FORMAT = "lipschitz-w1-critic";
    static final int VERSION = 1;
    private static final String CONFIG_ENTRY = "critic.json";
    private static final String GRAPH_ENTRY = "graph.sd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CriticArchive() {
    }

    static void save(Critic critic, Path file) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.set("config", JSON.readTree(critic.config().toJson()));
            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            critic.graph().save(graph, false);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(CONFIG_ENTRY));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(GRAPH_ENTRY));
                graph.writeTo(zip);
                zip.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write critic to " + file + ": " + e.getMessage(), e);
        }
    }

    static Critic load(Path file) {
        byte[] config = null;
        byte[] graph = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(CONFIG_ENTRY)) {
                    config = zip.readAllBytes();
                } else if (e.getName().equals(GRAPH_ENTRY)) {
                    graph = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new CorruptDataException(file, -1, "critic archive", e.toString(), "a zip file", e);
        }
        if (config == null || graph == null) {
            throw new CorruptDataException(file, -1, "zip entries", config == null ? "no " + CONFIG_ENTRY
                    : "no " + GRAPH_ENTRY, CONFIG_ENTRY + " and " + GRAPH_ENTRY);
        }
        CriticConfig cfg;
        try {
            JsonNode root = JSON.readTree(new String(config, StandardCharsets.UTF_8));
            String format = root.path("format").asText();
            int version = root.path("version").asInt(-1);
            if (!FORMAT.equals(format) || version != VERSION) {
                throw new CorruptDataException(file, -1, CONFIG_ENTRY + " format", format + " v" + version,
                        FORMAT + " v" + VERSION);
            }
            cfg = CriticConfig.fromJson(root.get("config").toString());
        } catch (IOException | InvalidConfigException | NullPointerException e) {
            throw new CorruptDataException(file, -1, CONFIG_ENTRY, e.getMessage(), "a critic config", e);
        }
        SameDiff saved;
        try {
            EagerBjorck.registerOps();   // the graph's Björck nodes: unknown to a fresh JVM otherwise
            saved = SameDiff.load(new ByteArrayInputStream(graph), false);
        } catch (RuntimeException e) {
            throw new CorruptDataException(file, -1, GRAPH_ENTRY, e.toString(), "a SameDiff graph", e);
        }
        try {
            return Critic.withVariablesOf(cfg, saved, file.toString());
        } catch (ShapeMismatchException e) {
            throw new CorruptDataException(file, -1, GRAPH_ENTRY + " variables", e.getMessage(),
                    "the variables of the critic its config describes", e);
        }
    }
}
