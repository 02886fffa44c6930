package dev.lipschitzw1.generator.pretrained;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.SourceNotFoundException;
import dev.lipschitzw1.errors.W1Exception;
import dev.lipschitzw1.generator.GeneratorDistribution;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shipped generator ladders, read from the class path ({@value #FOLDER}). Every load recomputes the file's
 * SHA-256 and compares it with the manifest's before parsing a byte of it.
 */
public final class PretrainedGenerators {
    /** Class-path folder of the manifest and the generator files. */
    public static final String FOLDER = "/dev/lipschitzw1/generator/pretrained/";
    /** The manifest's name in {@link #FOLDER}. */
    public static final String MANIFEST = "manifest.json";
    /** The level opened when a source names none: {@code final}. */
    public static final String DEFAULT_LEVEL = "final";

    private PretrainedGenerators() {
    }

    /** All shipped generators, in manifest order (dataset, then early → final). */
    public static List<PretrainedGenerator> list() {
        byte[] bytes = resource(FOLDER + MANIFEST);
        JsonNode root = Json.parseEntry(bytes, classpath(MANIFEST), MANIFEST);
        List<PretrainedGenerator> out = new ArrayList<>();
        for (JsonNode n : root.path("generators")) {
            try {
                out.add(Json.MAPPER.treeToValue(n, PretrainedGenerator.class));
            } catch (IOException | IllegalArgumentException e) {
                throw new CorruptDataException(classpath(MANIFEST), -1, "generator entry", n.toString(),
                        "dataset, level, file, sha256, steps, trainingSeconds, seed, data", e);
            }
        }
        return out;
    }

    /**
     * The manifest entry of one generator.
     *
     * @throws InvalidConfigException naming the shipped datasets and levels when there is no such generator
     */
    public static PretrainedGenerator entry(String dataset, String level) {
        List<PretrainedGenerator> all = list();
        for (PretrainedGenerator g : all) {
            if (g.dataset().equals(dataset) && g.level().equals(level)) {
                return g;
            }
        }
        throw new InvalidConfigException("pretrained generator", dataset + "@" + level, "one of "
                + all.stream().map(g -> g.dataset() + "@" + g.level()).toList());
    }

    /**
     * Loads a shipped generator after checking its SHA-256.
     *
     * @throws CorruptDataException if the file's SHA-256 differs from the manifest's, or the file is damaged
     */
    public static GeneratorDistribution load(String dataset, String level) {
        PretrainedGenerator e = entry(dataset, level);
        return new GeneratorDistribution(e.source(), read(e).toGenerator());
    }

    /** The verified generator file of an entry (its parameters and provenance). */
    public static GeneratorFile read(PretrainedGenerator e) {
        byte[] bytes = resource(FOLDER + e.file());
        String actual = sha256(bytes);
        if (!actual.equals(e.sha256())) {
            throw new CorruptDataException(classpath(e.file()), -1, "SHA-256", actual, e.sha256()
                    + " (from " + MANIFEST + "); the shipped file was altered: rebuild the jar");
        }
        return GeneratorFile.read(new ByteArrayInputStream(bytes), classpath(e.file()));
    }

    /** SHA-256 of bytes as lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new W1Exception("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PretrainedGenerators.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new SourceNotFoundException("classpath:" + name, "class-path resource " + name + " is missing",
                        "use the generator jar as built by Maven, which ships the pretrained generators");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new W1Exception("cannot read class-path resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static Path classpath(String file) {
        return Path.of("classpath:" + FOLDER + file);
    }
}
