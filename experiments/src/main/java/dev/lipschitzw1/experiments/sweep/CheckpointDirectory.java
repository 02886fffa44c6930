package dev.lipschitzw1.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Q entry {@code checkpoints:DIR[?OPTIONS]}: the generators saved during one training run, as Q sources in
 * training-step order. Each {@code .zip} in DIR is a generator file ({@code generator:zip:FILE}), each {@code .onnx} an
 * ONNX graph ({@code generator:onnx:FILE?OPTIONS}, OPTIONS as for {@code generator:onnx:}). A file's training step is
 * the last number in its name ({@code step-001500.zip} → 1500, what {@code WganGpTrainer} writes) or, for a generator
 * file without one, the {@code steps} its manifest records. Other files are ignored.
 */
public final class CheckpointDirectory {
    /** The prefix of a Q entry that is a checkpoint directory. */
    public static final String PREFIX = "checkpoints:";
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    /** One generator of the directory: its source and training step. */
    public record Checkpoint(String source, long step) { }

    private CheckpointDirectory() {
    }

    static boolean isEntry(String q) {
        return q.strip().startsWith(PREFIX);
    }

    /**
     * The generators of {@code entry}, ascending by step.
     *
     * @throws InvalidConfigException naming {@code field} if DIR is missing or holds no generator, if a file has no
     *                                step, or if two files have the same step
     */
    static List<Checkpoint> expand(String entry, String field) {
        String rest = entry.strip().substring(PREFIX.length());
        int qm = rest.indexOf('?');
        String options = qm < 0 ? "" : rest.substring(qm);
        Path dir = Path.of(qm < 0 ? rest : rest.substring(0, qm));
        InvalidConfigException.require(!rest.isBlank() && Files.isDirectory(dir), field, entry,
                "checkpoints:DIR with an existing directory of generator files (.zip) or ONNX graphs (.onnx)");
        List<Checkpoint> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".zip")) {
                    found.add(new Checkpoint("generator:zip:" + f, step(f, field)));
                } else if (name.endsWith(".onnx")) {
                    found.add(new Checkpoint("generator:onnx:" + f + options, step(f, field)));
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException(field, entry, "a readable directory (" + e.getMessage() + ")");
        }
        InvalidConfigException.require(!found.isEmpty(), field, entry, "a directory holding .zip generator files or "
                + ".onnx graphs");
        found.sort(Comparator.comparingLong(Checkpoint::step));
        for (int i = 1; i < found.size(); i++) {
            InvalidConfigException.require(found.get(i).step() != found.get(i - 1).step(), field, entry,
                    "one generator per training step (" + found.get(i - 1).source() + " and " + found.get(i).source()
                            + " are both step " + found.get(i).step() + ")");
        }
        return found;
    }

    /** The last number in the file name, else a generator file's manifest {@code steps}. */
    private static long step(Path f, String field) {
        String stem = f.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Matcher m = LAST_NUMBER.matcher(stem);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(f.toFile())) {
                ZipEntry manifest = zip.getEntry(dev.lipschitzw1.generator.io.GeneratorFile.MANIFEST);
                if (manifest != null) {
                    try (InputStream in = zip.getInputStream(manifest)) {
                        JsonNode steps = JsonMappers.create().readTree(in).path("info").path("steps");
                        if (steps.isIntegralNumber()) {
                            return steps.asLong();
                        }
                    }
                }
            } catch (IOException e) {
                throw new InvalidConfigException(field, f, "a readable generator file (" + e.getMessage() + ")");
            }
        }
        throw new InvalidConfigException(field, f, "a training step: a number in the file name (step-001500.zip) or "
                + "a generator file whose manifest records its steps");
    }
}
