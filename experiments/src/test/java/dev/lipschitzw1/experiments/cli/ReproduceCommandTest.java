package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.estimate.DerivedSampleSizes;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code w1 reproduce}: argument checks, the paper preset against the authors' settings (docs/reproduce.md, as literal
 * numbers), and a tiny end-to-end run on generated CIFAR-10 binary files with the published Table 4 column.
 */
class ReproduceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A CIFAR-10 binary batch of n records (label byte + 3,072 pixel bytes), pixels biased by {@code bias}. */
    static Path writeCifar(Path file, int n, int bias) throws Exception {
        SplittableRandom rng = new SplittableRandom(bias + 7);
        byte[] bytes = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            bytes[r * 3073] = (byte) rng.nextInt(10);
            for (int i = 1; i < 3073; i++) {
                bytes[r * 3073 + i] = (byte) Math.min(255, rng.nextInt(160) + bias);
            }
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    @Test
    void cifar10WithoutQ_isUsageErrorNamingHowToGetAGenerator(@TempDir Path tmp) throws Exception {
        DataCommandTest.Run r = DataCommandTest.run("reproduce", "cifar10", tmp.resolve("cifar").toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--q") && r.err().contains("generator:onnx:PATH")
                && r.err().contains("scripts/train-generators.sh"), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void unknownDatasetOrMissingPath_areUsageErrors(@TempDir Path tmp) {
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("reproduce", "imagenet", "--out",
                tmp.resolve("a").toString()).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("reproduce", "stl10", "--q", "generator:mnist", "--out",
                tmp.resolve("b").toString()).code());
        assertEquals(ExitCodes.USAGE, DataCommandTest.run("reproduce").code());
    }

    /** The paper preset as the authors ran it (docs/reproduce.md, "The protocol"), and the 10,000 MNIST test images split to fit it. */
    @Test
    void paperPreset_matchesTheAuthorsSettings_andScalesSplitsToTheTestSet() {
        ReproduceCommand cmd = new ReproduceCommand();
        new CommandLine(cmd).parseArgs("mnist");
        List<String> notes = new ArrayList<>();
        ImageSet mnist = DataSources.bundledMnistTest();
        EstimatorConfig c = cmd.configFor(mnist, mnist, notes);
        assertEquals("paper", c.preset());
        assertEquals(OptimiserConfig.Kind.RMSPROP, c.optimiser().kind());
        assertEquals(1e-4, c.optimiser().learningRate(), 0.0);
        assertEquals(0.99, c.optimiser().alpha(), 0.0, "RMSprop α");
        assertEquals(1e-8, c.optimiser().epsilon(), 0.0);
        assertEquals(0.96235062639, c.lrDecay(), 0.0);
        assertEquals(256, c.epochs());
        assertEquals(100, c.itersPerEpoch());
        assertEquals(64, c.batchSize());
        assertEquals(5, c.seeds());
        assertTrue(c.keepBest());
        CriticConfig critic = c.critic();
        assertEquals(CriticConfig.Activation.MAX_MIN, critic.activation());
        assertEquals(64, critic.padTo() * critic.upsample(), "28×28 → 32×32 → nearest-upsampled to 64×64");
        assertEquals(List.of(64, 4, 2), List.of(critic.width(), critic.depth(), critic.kernelSize()));
        // 6,400 + 6,400 per side does not fit 10,000 images with half left for training: 2,500 / 2,500.
        assertEquals(2500, c.validationSize());
        assertEquals(2500, c.testSize());
        assertEquals(new DerivedSampleSizes(mnist.name(), 10_000, 6400, 6400, true, true), c.derivedSizes(),
                "the config records that both sizes were derived, and from what");
    }

    @Test
    void reproduceCifar10_tinyRun_writesTableWithPublishedNumbers(@TempDir Path tmp) throws Exception {
        Path real = writeCifar(tmp.resolve("cifar/test_batch.bin"), 40, 0);
        Path fake = writeCifar(tmp.resolve("fake/data_batch_1.bin"), 40, 80);
        Path out = tmp.resolve("repro");
        DataCommandTest.Run r = DataCommandTest.run("reproduce", "cifar10", real.getParent().toString(), "--q",
                "cifar10:" + fake, "--preset", "quick", "--critics", "bcop,gp", "--seeds", "2", "--epochs", "1",
                "--steps-per-epoch", "2", "--batch-size", "4", "--validation-size", "6", "--test-size", "6",
                "--no-floor", "--quiet", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("published") && r.out().contains("5.34 ± 0.07"), r.out());
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        assertEquals("lipschitz-w1/reproduce/1", result.path("schema").asText());
        assertEquals("cifar10-test:" + real.getParent(), result.path("p").asText(), "a directory without training "
                + "batches means its test batch");
        assertEquals(2, result.path("critics").size());
        assertEquals(5.34, result.path("critics").get(0).path("published").path("mean").asDouble(), 0.0);
        assertTrue(result.path("critics").get(1).path("published").isNull(), "GP is not in Table 4");
        assertEquals(3, result.path("published").size());
        assertEquals("quick", result.path("preset").asText());
        assertTrue(result.path("space").asText().contains("native 3×32×32"), result.path("space").asText());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Table 4") && html.split("data:image/png;base64,").length == 8, "7 plots embedded");
        assertFalse(Files.exists(tmp.resolve("repro.partial")));
    }
}
