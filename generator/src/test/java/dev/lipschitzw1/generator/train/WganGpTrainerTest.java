package dev.lipschitzw1.generator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.DcganArchitecture;
import dev.lipschitzw1.generator.io.GeneratorFile;
import dev.lipschitzw1.generator.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Resume, kill survival and config round trips on a tiny WGAN-GP (1×8×8 images, float32, CPU). */
class WganGpTrainerTest {
    static final ImageShape SHAPE = new ImageShape(1, 8, 8);
    static final DcganArchitecture G = new DcganArchitecture(6, SHAPE, 2, List.of(4, 3));
    static final DiscriminatorArchitecture D = new DiscriminatorArchitecture(SHAPE, 3, 4, 8, 0.2);

    static WganGpConfig config(int steps) {
        return new WganGpConfig(G, D, AdamConfig.AUTHORS, PenaltyKind.GP, 50, 2, 8, steps, 42);
    }

    static ImageSet data() {
        float[] px = new float[40 * 64];
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextDouble();
        }
        return new FloatImageSet("noise", SHAPE, px);
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super("simulated kill");
        }
    }

    @Test
    void killedBetweenCheckpointsAndResumed_equalsUninterruptedRun_bitForBit(@TempDir Path dir) {
        WganGpTrainer[] runs = uninterruptedAndResumed(config(7), data(), dir);
        WganGpTrainer uninterrupted = runs[0];
        WganGpTrainer finished = runs[1];
        assertSameArrays(uninterrupted.generator().parameters(), finished.generator().parameters(), "generator");
        assertSameArrays(uninterrupted.discriminator().parameters(), finished.discriminator().parameters(),
                "discriminator");
        Map<String, Object> s1 = uninterrupted.optimiserState();
        Map<String, Object> s2 = finished.optimiserState();
        assertEquals(s1.get("generatorSteps"), s2.get("generatorSteps"), "generator Adam t");
        assertEquals(s1.get("discriminatorSteps"), s2.get("discriminatorSteps"), "discriminator Adam t");
        for (String net : new String[] {"generator", "discriminator"}) {
            for (String m : new String[] {"m", "v"}) {
                assertSameArrays(moments(s1, net, m), moments(s2, net, m), net + " Adam " + m);
            }
        }
    }

    /**
     * The kill-and-resume procedure of both critics' tests: an uninterrupted 7-step run (checkpoints every 2 steps)
     * and one killed at step 5, resumed from its step-4 checkpoint and run to the end; returns {uninterrupted, finished}.
     */
    static WganGpTrainer[] uninterruptedAndResumed(WganGpConfig config, ImageSet data, Path dir) {
        TrainingSchedule schedule = new TrainingSchedule(1, 0, 2, List.of());
        WganGpTrainer uninterrupted = WganGpTrainer.run(config, data, dir.resolve("a"), schedule,
                TrainingListener.NONE);
        Path b = dir.resolve("b");
        TrainingListener killAtFive = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                if (p.step() == 5) {
                    throw new Stop();
                }
            }
        };
        assertThrows(Stop.class, () -> WganGpTrainer.run(config, data, b, schedule, killAtFive));
        WganGpTrainer resumed = WganGpTrainer.resume(b.resolve(WganGpTrainer.CHECKPOINT), config, data);
        assertEquals(4, resumed.stepsDone(), "resumes from the last checkpoint (step 4), step 5 is lost");
        WganGpTrainer finished = WganGpTrainer.run(config, data, b, schedule, TrainingListener.NONE);
        assertEquals(7, finished.stepsDone(), "ran to the end");
        return new WganGpTrainer[] {uninterrupted, finished};
    }

    @SuppressWarnings("unchecked")
    static Map<String, INDArray> moments(Map<String, Object> state, String net, String group) {
        return ((Map<String, Map<String, INDArray>>) state.get(net)).get(group);
    }

    static void assertSameArrays(Map<String, INDArray> a, Map<String, INDArray> b, String what) {
        assertEquals(a.keySet(), b.keySet(), what + " names");
        for (String k : a.keySet()) {
            assertTrue(Arrays.equals(a.get(k).dup().data().asFloat(), b.get(k).dup().data().asFloat()),
                    what + " " + k + " identical value by value");
        }
    }

    @Test
    void training_changesTheGenerator_andWritesGridsSnapshotsCheckpoint(@TempDir Path dir) throws IOException {
        List<TrainingProgress> progress = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        WganGpTrainer t = WganGpTrainer.run(config(4), data(), dir, new TrainingSchedule(2, 2, 0, List.of(3)),
                new TrainingListener() {
                    @Override
                    public void onProgress(TrainingProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void onFileWritten(int step, Path file) {
                        files.add(file);
                    }
                });
        assertEquals(List.of(2, 4), progress.stream().map(TrainingProgress::step).toList(), "progress steps");
        assertTrue(progress.stream().allMatch(p -> Double.isFinite(p.wasserstein()) && p.penalty() >= 0),
                "finite progress values");
        assertTrue(Files.exists(dir.resolve("samples/step-000000.png")) && Files.exists(dir.resolve(
                "samples/step-000004.png")), "sample grids written");
        GeneratorFile snapshot = GeneratorFile.read(dir.resolve("generators/step-000003.zip"));
        assertEquals(3, snapshot.info().path("steps").asInt(), "snapshot at step 3 records its step");
        assertEquals(3L * 2 * 8, snapshot.info().path("data").path("realImagesDrawn").asLong(), "images drawn");
        assertTrue(files.contains(dir.resolve(WganGpTrainer.CHECKPOINT)), "final checkpoint written");
        WganGpTrainer fresh = new WganGpTrainer(config(4), data());
        assertNotEquals(fresh.generator().parameters().get("dense.W"), t.generator().parameters().get("dense.W"),
                "training moved the generator");
    }

    @Test
    void authorsSettings_fullSizeStepRuns_onMnist(@TempDir Path dir) {
        WganGpConfig authors = WganGpConfig.authors(DcganArchitecture.GRAY_28, 1, 3);
        ImageSet mnist = dev.lipschitzw1.datasets.DataSources.bundledMnistTest();
        INDArray before = new WganGpTrainer(authors, mnist).generator().parameters().get("deconv2.W");
        List<TrainingProgress> progress = new ArrayList<>();
        WganGpTrainer t = WganGpTrainer.run(authors, mnist, dir, new TrainingSchedule(1, 0, 0, List.of()),
                new TrainingListener() {
                    @Override
                    public void onProgress(TrainingProgress p) {
                        progress.add(p);
                    }
                });
        assertEquals(1, t.stepsDone(), "one step: 5 critic updates and 1 generator update");
        assertNotEquals(before, t.generator().parameters().get("deconv2.W"), "generator updated");
        assertTrue(Double.isFinite(progress.get(0).wasserstein()) && progress.get(0).gradientNorm() > 0,
                "finite critic values: " + progress.get(0).line());
    }

    @Test
    void config_roundTripsThroughJson() {
        GeneratorTrainingJob job = new GeneratorTrainingJob("mnist", "mnist-train:/x", config(9),
                new TrainingSchedule(1, 2, 3, List.of(4, 9)), Map.of("early", 4, "final", 9));
        assertEquals(job, Json.readConfig(Json.write(job), GeneratorTrainingJob.class, "job"), "job round trip");
        WganGpConfig authors = WganGpConfig.authors(DcganArchitecture.GRAY_28, 100, 1);
        assertEquals(authors, Json.readConfig(Json.write(authors), WganGpConfig.class, "config"), "config round trip");
        assertEquals(new DiscriminatorArchitecture(SHAPE.equals(G.output()) ? DcganArchitecture.GRAY_28.output()
                : SHAPE, 64, 128, 1024, 0.2), authors.discriminator(), "authors' discriminator");
        assertEquals(50, authors.lambda(), "authors' λ");
        assertEquals(5, authors.criticIterations(), "authors' n_critic");
        assertEquals(64, authors.batchSize(), "authors' batch");
    }

    @Test
    void config_unknownKey_isInvalidConfig() {
        String json = Json.write(config(3)).replaceFirst("\\{", "{\"learningrate\": 1,");
        assertThrows(InvalidConfigException.class, () -> Json.readConfig(json, WganGpConfig.class, "config"));
    }

    @Test
    void resume_withAnotherConfig_isRefused(@TempDir Path dir) {
        WganGpTrainer.run(config(2), data(), dir, new TrainingSchedule(0, 0, 1, List.of()), TrainingListener.NONE);
        WganGpConfig other = new WganGpConfig(G, D, AdamConfig.AUTHORS, PenaltyKind.LP, 50, 2, 8, 4, 42);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> WganGpTrainer.resume(dir.resolve(WganGpTrainer.CHECKPOINT), other, data()));
        assertEquals("training.config", e.key(), e.getMessage());
    }

    @Test
    void truncatedCheckpoint_isCorruptDataNamingTheFile(@TempDir Path dir) throws IOException {
        WganGpTrainer.run(config(1), data(), dir, new TrainingSchedule(0, 0, 1, List.of()), TrainingListener.NONE);
        Path c = dir.resolve(WganGpTrainer.CHECKPOINT);
        byte[] all = Files.readAllBytes(c);
        Files.write(c, Arrays.copyOf(all, all.length - 100));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> WganGpTrainer.resume(c, config(1), data()));
        assertEquals(c, e.file(), "names the checkpoint");
    }
}
