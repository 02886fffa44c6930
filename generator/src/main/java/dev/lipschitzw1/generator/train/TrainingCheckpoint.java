package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.AtomicFiles;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.generator.io.NpyArrays;
import dev.lipschitzw1.generator.io.ZipArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The complete state of a WGAN-GP run after a whole number of steps: config, step, training time, both networks'
 * parameters and both Adam states (t, m, v). Randomness needs no state: step s draws from
 * {@code StreamSeeds.of(seed, s)}. Written atomically as one zip:
 * <pre>
 *   checkpoint.json                   {"format": "lipschitz-w1-wgan-checkpoint", "formatVersion": 1, "config": {…},
 *                                      "step": s, "trainingSeconds": …, "adamSteps": {"generator": …, "discriminator": …}}
 *   generator/NAME.npy, discriminator/NAME.npy                        parameters (exact float bits)
 *   adam/generator/{m,v}/NAME.npy, adam/discriminator/{m,v}/NAME.npy  Adam moments
 * </pre>
 */
record TrainingCheckpoint(WganGpConfig config, int step, double trainingSeconds, Map<String, INDArray> generator,
                          Map<String, INDArray> discriminator, long generatorAdamSteps,
                          Map<String, Map<String, INDArray>> generatorMoments, long discriminatorAdamSteps,
                          Map<String, Map<String, INDArray>> discriminatorMoments) {
    static final String FORMAT = "lipschitz-w1-wgan-checkpoint";
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "checkpoint.json";

    /** Writes the checkpoint atomically: a kill at any instant leaves the previous complete file or this one. */
    void write(Path target) {
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                ObjectNode m = Json.MAPPER.createObjectNode();
                m.put("format", FORMAT);
                m.put("formatVersion", FORMAT_VERSION);
                m.set("config", Json.tree(config));
                m.put("step", step);
                m.put("trainingSeconds", trainingSeconds);
                ObjectNode adam = m.putObject("adamSteps");
                adam.put("generator", generatorAdamSteps);
                adam.put("discriminator", discriminatorAdamSteps);
                put(zip, MANIFEST, Json.write(m).getBytes(StandardCharsets.UTF_8));
                putAll(zip, "generator/", generator);
                putAll(zip, "discriminator/", discriminator);
                for (String group : new String[] {"m", "v"}) {
                    putAll(zip, "adam/generator/" + group + "/", generatorMoments.get(group));
                    putAll(zip, "adam/discriminator/" + group + "/", discriminatorMoments.get(group));
                }
                zip.finish();
            }
        });
    }

    private static void putAll(ZipOutputStream zip, String prefix, Map<String, INDArray> arrays) throws IOException {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            put(zip, prefix + e.getKey() + ".npy", NpyArrays.encode(e.getValue()));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0L);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a checkpoint.
     *
     * @throws dev.lipschitzw1.errors.SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if it is damaged, of another format, or lacks a tensor
     */
    static TrainingCheckpoint read(Path file) {
        ZipArchive zip = ZipArchive.read(file, "a checkpoint is written by WganGpTrainer.run every checkpointEvery steps");
        JsonNode m = Json.parseEntry(zip.require(MANIFEST, "a WGAN-GP checkpoint manifest"), file, MANIFEST);
        if (!FORMAT.equals(m.path("format").asText()) || m.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new CorruptDataException(file, -1, MANIFEST + ": format", m.path("format").asText() + " v"
                    + m.path("formatVersion").asText(), FORMAT + " v" + FORMAT_VERSION);
        }
        WganGpConfig config;
        try {
            config = Json.MAPPER.treeToValue(m.path("config"), WganGpConfig.class);
        } catch (IOException | IllegalArgumentException | InvalidConfigException e) {
            throw new CorruptDataException(file, -1, MANIFEST + ": config", "invalid (" + e.getMessage() + ")",
                    "a WGAN-GP config", e);
        }
        Map<String, long[]> gShapes = dev.lipschitzw1.generator.DcganGenerator.parameterShapes(config.generator());
        Map<String, long[]> dShapes = WganGpDiscriminator.parameterShapes(config.discriminator());
        return new TrainingCheckpoint(config, m.path("step").asInt(), m.path("trainingSeconds").asDouble(),
                tensors(zip, "generator/", gShapes), tensors(zip, "discriminator/", dShapes),
                m.path("adamSteps").path("generator").asLong(),
                Map.of("m", tensors(zip, "adam/generator/m/", gShapes), "v", tensors(zip, "adam/generator/v/", gShapes)),
                m.path("adamSteps").path("discriminator").asLong(),
                Map.of("m", tensors(zip, "adam/discriminator/m/", dShapes), "v",
                        tensors(zip, "adam/discriminator/v/", dShapes)));
    }

    private static Map<String, INDArray> tensors(ZipArchive zip, String prefix, Map<String, long[]> shapes) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String entry = prefix + e.getKey() + ".npy";
            INDArray a = zip.tensor(entry);
            if (!java.util.Arrays.equals(a.shape(), e.getValue())) {
                throw new CorruptDataException(zip.file(), -1, entry + ": shape", java.util.Arrays.toString(a.shape()),
                        java.util.Arrays.toString(e.getValue()));
            }
            out.put(e.getKey(), a);
        }
        return out;
    }
}
