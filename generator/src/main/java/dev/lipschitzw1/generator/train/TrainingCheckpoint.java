package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.files.ContainerManifest;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.io.Json;
import dev.lipschitzw1.generator.io.NpyArrays;
import dev.lipschitzw1.provenance.SourceDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The complete state of a GAN run after a whole number of steps: config, step, training time, the generator's
 * parameters and Adam state (t, m, v), and the critic's parameters and optimiser state. Randomness needs no state:
 * step s draws from {@code StreamSeeds.of(seed, s)}. Written atomically as one zip; the critic's entries depend on
 * {@link WganGpConfig#critic()}:
 * <pre>
 *   checkpoint.json      {"format": "lipschitz-w1-wgan-checkpoint", "formatVersion": 1, "config": {…}, "step": s,
 *                         "trainingSeconds": …, "adamSteps": {"generator": …, "discriminator": … (WGAN_GP)},
 *                         "criticOptimiserSteps": … and "critic": {"kind", "parameters", "certifiedBound"} (BCOP)}
 *   generator/NAME.npy, adam/generator/{m,v}/NAME.npy           generator parameters (exact float bits), Adam moments
 *   WGAN_GP:  discriminator/NAME.npy, adam/discriminator/{m,v}/NAME.npy
 *   BCOP:     critic/NAME.npy, optimiser/critic/{m,v}/NAME.npy   (m only for Adam; NAME as the Critic names it,
 *                                                                e.g. stage1.conv/M)
 * </pre>
 * WGAN_GP checkpoints keep the layout they had before the BCOP critic existed, so old ones resume.
 *
 * @param criticMoments "m" and "v" by parameter name ("m" empty for RMSprop)
 * @param criticInfo    the critic's provenance ({@link GanCritic#describe}), e.g. its certified bound; may be empty
 */
record TrainingCheckpoint(WganGpConfig config, int step, double trainingSeconds, Map<String, INDArray> generator,
                          long generatorAdamSteps, Map<String, Map<String, INDArray>> generatorMoments,
                          Map<String, INDArray> critic, long criticOptimiserSteps,
                          Map<String, Map<String, INDArray>> criticMoments, ObjectNode criticInfo) {
    static final String FORMAT = "lipschitz-w1-wgan-checkpoint";
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "checkpoint.json";

    /**
     * Writes the checkpoint atomically (a kill at any instant leaves the previous complete file or this one), as a
     * {@link Container} whose manifest names the training data.
     */
    void write(Path target, List<SourceDigest> sources) {
        boolean gp = config.critic() == CriticKind.WGAN_GP;
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.set("config", Json.tree(config));
        m.put("step", step);
        m.put("trainingSeconds", trainingSeconds);
        ObjectNode adam = m.putObject("adamSteps");
        adam.put("generator", generatorAdamSteps);
        if (gp) {
            adam.put("discriminator", criticOptimiserSteps);
        } else {
            m.put("criticOptimiserSteps", criticOptimiserSteps);
        }
        m.setAll(criticInfo);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, Json.write(m).getBytes(StandardCharsets.UTF_8));
        putAll(entries, "generator/", generator);
        putAll(entries, criticPrefix(config), critic);
        for (String group : new String[] {"m", "v"}) {
            putAll(entries, "adam/generator/" + group + "/", generatorMoments.get(group));
            putAll(entries, criticMomentPrefix(config, group), criticMoments.get(group));
        }
        Container.write(target, ContainerManifest.current(FORMAT, FORMAT_VERSION, sources), entries);
    }

    private static String criticPrefix(WganGpConfig config) {
        return config.critic() == CriticKind.WGAN_GP ? "discriminator/" : "critic/";
    }

    private static String criticMomentPrefix(WganGpConfig config, String group) {
        return (config.critic() == CriticKind.WGAN_GP ? "adam/discriminator/" : "optimiser/critic/") + group + "/";
    }

    private static void putAll(Map<String, byte[]> entries, String prefix, Map<String, INDArray> arrays) {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            entries.put(prefix + e.getKey() + ".npy", NpyArrays.encode(e.getValue()));
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws dev.lipschitzw1.errors.SourceNotFoundException if the file does not exist
     * @throws CorruptDataException if it is damaged, of another format, or lacks a tensor
     */
    static TrainingCheckpoint read(Path file) {
        Container zip = Container.read(file, "a checkpoint is written by WganGpTrainer.run every checkpointEvery steps");
        JsonNode m = Json.parseEntry(zip.require(MANIFEST, "a WGAN checkpoint manifest"), file, MANIFEST);
        if (!FORMAT.equals(m.path("format").asText()) || m.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new CorruptDataException(file, -1, MANIFEST + ": format", m.path("format").asText() + " v"
                    + m.path("formatVersion").asText(), FORMAT + " v" + FORMAT_VERSION);
        }
        WganGpConfig config;
        try {
            config = Json.MAPPER.treeToValue(m.path("config"), WganGpConfig.class);
        } catch (IOException | IllegalArgumentException | InvalidConfigException e) {
            throw new CorruptDataException(file, -1, MANIFEST + ": config", "invalid (" + e.getMessage() + ")",
                    "a WGAN config", e);
        }
        Map<String, long[]> gShapes = DcganGenerator.parameterShapes(config.generator());
        boolean gp = config.critic() == CriticKind.WGAN_GP;
        Map<String, long[]> cShapes = gp ? WganGpDiscriminator.parameterShapes(config.discriminator())
                : bcopShapes(config.bcop());
        long criticSteps = gp ? m.path("adamSteps").path("discriminator").asLong()
                : m.path("criticOptimiserSteps").asLong();
        // CriticTrainer creates its moments at its first step, and RMSprop has no first moment.
        boolean hasFirst = gp || config.bcop().optimiser().kind() == OptimiserConfig.Kind.ADAM;
        Map<String, long[]> firstShapes = criticSteps > 0 && hasFirst ? cShapes : Map.of();
        Map<String, long[]> secondShapes = criticSteps > 0 || gp ? cShapes : Map.of();
        ObjectNode info = Json.MAPPER.createObjectNode();
        if (m.has("critic")) {
            info.set("critic", m.get("critic"));
        }
        return new TrainingCheckpoint(config, m.path("step").asInt(), m.path("trainingSeconds").asDouble(),
                tensors(zip, "generator/", gShapes), m.path("adamSteps").path("generator").asLong(),
                Map.of("m", tensors(zip, "adam/generator/m/", gShapes), "v", tensors(zip, "adam/generator/v/", gShapes)),
                tensors(zip, criticPrefix(config), cShapes), criticSteps,
                Map.of("m", tensors(zip, criticMomentPrefix(config, "m"), gp ? cShapes : firstShapes),
                        "v", tensors(zip, criticMomentPrefix(config, "v"), secondShapes)), info);
    }

    /** Names and shapes of a BCOP critic's parameters (a critic is built from the settings to learn them). */
    private static Map<String, long[]> bcopShapes(BcopCriticSettings settings) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Critic.create(settings.network()).parameters().forEach((name, p) -> shapes.put(name, p.shape()));
        return shapes;
    }

    private static Map<String, INDArray> tensors(Container zip, String prefix, Map<String, long[]> shapes) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String entry = prefix + e.getKey() + ".npy";
            INDArray a = NpyArrays.decode(zip.require(entry, "a .npy tensor"), zip.file(), entry);
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new CorruptDataException(zip.file(), -1, entry + ": shape", Arrays.toString(a.shape()),
                        Arrays.toString(e.getValue()));
            }
            out.put(e.getKey(), a);
        }
        return out;
    }
}
