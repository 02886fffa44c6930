package dev.lipschitzw1.generator.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipschitzw1.critic.network.Critic;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.files.Container;
import dev.lipschitzw1.generator.DcganGenerator;
import dev.lipschitzw1.generator.GaussianLatents;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certified-Lipschitz GAN ({@link CriticKind#BCOP}) on a tiny generator (1×8×8) and BCOP critic (widths 4, 8,
 * two stages): the generator's gradient through the critic against central differences in double, bit-identical
 * resume, the trained critic's certificate and its record in the files, typed config errors.
 */
class BcopGanTest {
    private static final Logger LOG = LoggerFactory.getLogger(BcopGanTest.class);
    /** The tiny BCOP critic: 1×8×8 → 4 channels 4×4 → 8 channels 2×2 → dense 32 → 1, float32. */
    static final CriticConfig NETWORK = CriticConfig.quick(WganGpTrainerTest.SHAPE).withSize(4, 2).withSeed(3);
    static final BcopCriticSettings SETTINGS = new BcopCriticSettings(NETWORK, OptimiserConfig.adam(2e-3));

    static WganGpConfig config(int steps) {
        return WganGpConfig.bcop(WganGpTrainerTest.G, AdamConfig.AUTHORS, SETTINGS, 2, 8, steps, 42);
    }

    /**
     * Oracle: central differences (h = 1e-6, double) of L(θ) = −mean_i f(G_θ(z_i)) along random directions, against
     * ⟨g, v⟩ for g = {@link WganGpTrainer#generatorGradient} (the critic's SameDiff input gradient as upstream of G's
     * vector–Jacobian product). Three Gaussian directions inside each parameter tensor (so every tensor's gradient is
     * checked on its own) and one across all of them: 19 directional derivatives for the tiny G's 6 tensors (a full
     * coordinate sweep costs ~30 s here, each L a Björck orthogonalisation). Stated tolerance:
     * ‖d − d_fd‖/‖d_fd‖ ≤ 1e-5 over all of them (measured 1.1e-9).
     */
    @Test
    void generatorGradientThroughTheBcopCritic_matchesCentralDifferences_double() {
        DcganGenerator g = DcganGenerator.initialise(WganGpTrainerTest.G, 5, DataType.DOUBLE);
        Critic f = Critic.create(NETWORK.withPrecision(CriticConfig.Precision.FLOAT64));
        BcopGanCritic critic = new BcopGanCritic(f, SETTINGS);
        INDArray z = GaussianLatents.sample(new SplittableRandom(9), 4, WganGpTrainerTest.G.latentSize())
                .castTo(DataType.DOUBLE);
        WganGpTrainer.GeneratorGradient analytic = WganGpTrainer.generatorGradient(g, critic, z);
        assertTrue(analytic.meanCriticGradientNorm() > 1e-3 && analytic.meanCriticGradientNorm() <= 1 + 1e-6,
                "‖∇f‖ at G(z) is non-trivial and at most the certified 1: " + analytic.meanCriticGradientNorm());
        Map<String, INDArray> params = g.parameters();
        List<Map<String, INDArray>> directions = new java.util.ArrayList<>();
        SplittableRandom rng = new SplittableRandom(13);
        for (String only : params.keySet()) {
            for (int k = 0; k < 3; k++) {
                directions.add(direction(params, only, rng));
            }
        }
        directions.add(direction(params, null, rng));
        double h = 1e-6;
        double num = 0;
        double den = 0;
        for (Map<String, INDArray> v : directions) {
            double along = 0;
            for (Map.Entry<String, INDArray> e : v.entrySet()) {
                assertArrayEquals(params.get(e.getKey()).shape(), analytic.gradients().get(e.getKey()).shape(),
                        "gradient shape of " + e.getKey());
                along += analytic.gradients().get(e.getKey()).castTo(DataType.DOUBLE).mul(e.getValue()).sumNumber()
                        .doubleValue();
            }
            shift(params, v, h);
            double up = -f.forward(g.forward(z)).meanNumber().doubleValue();
            shift(params, v, -2 * h);
            double down = -f.forward(g.forward(z)).meanNumber().doubleValue();
            shift(params, v, h);
            double fd = (up - down) / (2 * h);
            num += (fd - along) * (fd - along);
            den += fd * fd;
        }
        double rel = Math.sqrt(num / den);
        LOG.info("generator gradient through the BCOP critic vs central differences ({} directions): relative error {}",
                directions.size(), rel);
        assertTrue(den > 0, "non-zero directional derivatives");
        assertTrue(rel <= 1e-5, "relative error " + rel);
    }

    /** A standard Gaussian direction in parameter space, confined to the tensor {@code only} unless it is null. */
    private static Map<String, INDArray> direction(Map<String, INDArray> params, String only, SplittableRandom rng) {
        Map<String, INDArray> v = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                double[] d = new double[(int) e.getValue().length()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = rng.nextGaussian();
                }
                v.put(e.getKey(), org.nd4j.linalg.factory.Nd4j.create(d, e.getValue().shape(), 'c'));
            }
        }
        return v;
    }

    /** θ ← θ + t·v in place, on the live parameter arrays. */
    private static void shift(Map<String, INDArray> params, Map<String, INDArray> v, double t) {
        v.forEach((name, d) -> params.get(name).addi(d.mul(t)));
    }

    @Test
    void killedBetweenCheckpointsAndResumed_equalsUninterruptedRun_bitForBit(@TempDir Path dir) {
        WganGpTrainer[] runs = WganGpTrainerTest.uninterruptedAndResumed(config(7), WganGpTrainerTest.data(), dir);
        WganGpTrainer uninterrupted = runs[0];
        WganGpTrainer finished = runs[1];

        WganGpTrainerTest.assertSameArrays(uninterrupted.generator().parameters(), finished.generator().parameters(),
                "generator");
        WganGpTrainerTest.assertSameArrays(uninterrupted.criticParameters(), finished.criticParameters(),
                "BCOP critic");
        Map<String, Object> s1 = uninterrupted.optimiserState();
        Map<String, Object> s2 = finished.optimiserState();
        assertEquals(s1.get("generatorSteps"), s2.get("generatorSteps"), "generator Adam t");
        assertEquals(14L, s2.get("discriminatorSteps"), "critic optimiser t = 7 steps × n_critic 2");
        assertEquals(s1.get("discriminatorSteps"), s2.get("discriminatorSteps"), "critic optimiser t");
        for (String net : new String[] {"generator", "discriminator"}) {
            int parameters = net.equals("generator") ? uninterrupted.generator().parameters().size()
                    : uninterrupted.criticParameters().size();
            for (String m : new String[] {"m", "v"}) {
                Map<String, INDArray> a = WganGpTrainerTest.moments(s1, net, m);
                assertEquals(parameters, a.size(), net + " " + m + " covers every parameter");
                WganGpTrainerTest.assertSameArrays(a, WganGpTrainerTest.moments(s2, net, m), net + " moments " + m);
            }
        }
    }

    @Test
    void trainedCritic_certifies_andItsBoundIsRecordedInCheckpointAndGeneratorFile(@TempDir Path dir)
            throws Exception {
        WganGpTrainer t = WganGpTrainer.run(config(4), WganGpTrainerTest.data(), dir,
                new TrainingSchedule(0, 0, 4, List.of(4)), TrainingListener.NONE);
        double bound = t.bcopCritic().certify().networkBound();
        LOG.info("BCOP critic after 4 GAN steps: certified bound {}", bound);
        assertTrue(bound <= 1 + 1e-4 && bound >= 1 - 1e-2, "certified bound ≤ 1 + 1e-4 (BCOP): " + bound);
        JsonNode fileInfo = GeneratorFile.read(dir.resolve("generators/step-000004.zip")).info();
        assertEquals("BCOP", fileInfo.path("critic").path("kind").asText(), "generator file names the critic");
        assertEquals(bound, fileInfo.path("critic").path("certifiedBound").asDouble(), 1e-12,
                "generator file records the bound");
        assertEquals("BCOP", fileInfo.path("training").path("critic").asText(), "config in the file");
        Container zip = Container.read(dir.resolve(WganGpTrainer.CHECKPOINT), "test");
        JsonNode manifest = Json.parseEntry(zip.require(TrainingCheckpoint.MANIFEST, "test"), zip.file(),
                TrainingCheckpoint.MANIFEST);
        assertEquals(bound, manifest.path("critic").path("certifiedBound").asDouble(), 1e-12,
                "checkpoint records the bound");
        assertEquals(8, manifest.path("criticOptimiserSteps").asLong(), "critic optimiser steps");
        assertTrue(Files.exists(dir.resolve("generators/step-000004.zip")));
    }

    @Test
    void bcopConfig_roundTripsThroughJson_andOldWganGpJsonStillReads() throws Exception {
        WganGpConfig c = config(9);
        assertEquals(c, Json.readConfig(Json.write(c), WganGpConfig.class, "config"), "BCOP config round trip");
        String json = Json.write(c);
        assertTrue(!json.contains("discriminator") && !json.contains("penalty"), "no WGAN-GP fields: " + json);
        WganGpConfig gp = WganGpTrainerTest.config(3);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(gp);
        assertEquals("WGAN_GP", tree.remove("critic").asText(), "written explicitly");
        String legacy = Json.write(tree);
        assertEquals(gp, Json.readConfig(legacy, WganGpConfig.class, "legacy"), "a config without 'critic' is WGAN_GP");
        GeneratorTrainingJob committed = TrainGenerators.readJob(Path.of("..", "scripts", "generators",
                "mnist-bcop.json"));
        GeneratorTrainingJob shipped = TrainGenerators.readJob(Path.of("..", "scripts", "generators", "mnist.json"));
        assertEquals(shipped.training().withBcopCritic(BcopCriticSettings.defaults(shipped.training().generator()
                .output())).withSteps(committed.training().steps()), committed.training(),
                "the committed BCOP job is the shipped MNIST job's generator settings against the default BCOP critic");
    }

    @Test
    void criticOption_convertsAWganGpJob_andRefusesWganGpForABcopJob() {
        GeneratorTrainingJob gp = new GeneratorTrainingJob("mnist", "mnist-train:/x", WganGpTrainerTest.config(9),
                new TrainingSchedule(1, 0, 0, List.of(9)), Map.of("final", 9));
        GeneratorTrainingJob bcop = TrainGenerators.withCritic(gp, "bcop");
        assertEquals(CriticKind.BCOP, bcop.training().critic());
        assertEquals(BcopCriticSettings.defaults(WganGpTrainerTest.SHAPE), bcop.training().bcop(), "default settings");
        assertEquals(gp.training().adam(), bcop.training().adam(), "same generator optimiser");
        assertEquals(gp, TrainGenerators.withCritic(gp, "wgan-gp"), "wgan-gp keeps a WGAN-GP job");
        assertEquals(bcop, TrainGenerators.withCritic(bcop, "bcop"), "bcop keeps a BCOP job");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TrainGenerators.withCritic(bcop, "wgan-gp"));
        assertEquals("--critic", e.key(), e.getMessage());
    }

    @Test
    void invalidConfigs_areTypedErrorsNamingTheField() {
        var g = WganGpTrainerTest.G;
        var d = WganGpTrainerTest.D;
        assertKey("training.bcop", () -> WganGpConfig.bcop(g, AdamConfig.AUTHORS, null, 2, 8, 3, 1));
        assertKey("training.bcop", () -> new WganGpConfig(g, d, AdamConfig.AUTHORS, PenaltyKind.GP, 50, 2, 8, 3, 1,
                CriticKind.WGAN_GP, SETTINGS));
        assertKey("training.discriminator", () -> new WganGpConfig(g, d, AdamConfig.AUTHORS, null, 0, 2, 8, 3, 1,
                CriticKind.BCOP, SETTINGS));
        assertKey("training.penalty", () -> new WganGpConfig(g, null, AdamConfig.AUTHORS, PenaltyKind.GP, 0, 2, 8, 3,
                1, CriticKind.BCOP, SETTINGS));
        assertKey("training.lambda", () -> new WganGpConfig(g, null, AdamConfig.AUTHORS, null, 50, 2, 8, 3, 1,
                CriticKind.BCOP, SETTINGS));
        assertKey("training.bcop.network.input", () -> WganGpConfig.bcop(g, AdamConfig.AUTHORS,
                BcopCriticSettings.defaults(new dev.lipschitzw1.datasets.ImageShape(1, 28, 28)), 2, 8, 3, 1));
        assertKey("training.bcop.network.variant", () -> new BcopCriticSettings(
                NETWORK.withVariant(CriticConfig.Variant.GP), OptimiserConfig.adam(2e-4)));
        assertKey("training.bcop.network.upsample", () -> new BcopCriticSettings(NETWORK.withUpsample(2),
                OptimiserConfig.adam(2e-4)));
        assertKey("training.bcop.optimiser", () -> new BcopCriticSettings(NETWORK, null));
        String unknownKind = Json.write(config(3)).replace("\"BCOP\"", "\"SPECTRAL\"");
        assertThrows(InvalidConfigException.class, () -> Json.readConfig(unknownKind, WganGpConfig.class, "config"));
    }

    private static void assertKey(String key, org.junit.jupiter.api.function.Executable build) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, build);
        assertEquals(key, e.key(), e.getMessage());
    }
}
