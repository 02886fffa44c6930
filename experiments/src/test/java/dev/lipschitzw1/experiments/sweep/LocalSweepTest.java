package dev.lipschitzw1.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.estimate.W1Estimate;
import dev.lipschitzw1.datasets.SourceOptions;
import dev.lipschitzw1.datasets.io.IdxWriter;
import dev.lipschitzw1.experiments.cli.ExitCodes;
import dev.lipschitzw1.experiments.cli.W1Main;
import dev.lipschitzw1.experiments.report.EstimateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local executor on a tiny sweep (8×8 synthetic images, 3 epochs × 12 steps): one good pair and one whose Q
 * directory does not exist, bcop, 2 seeds, 2 worker processes. Oracles: (1) the failing tasks are recorded with the
 * data error's exit code and the good ones finish, the command exits with {@link ExitCodes#SWEEP_INCOMPLETE}, and
 * {@code --resume} runs only the failed ones again (the finished files unchanged, byte for byte); (2) a
 * sweep whose worker is killed (SIGKILL) after its task's first checkpoint, then resumed, gives per-seed results
 * (estimate, certificate, learning curve) equal to the uninterrupted sweep's, exactly; (3) each task equals that seed
 * of {@code w1 estimate} with the same settings, exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSweepTest {
    private static final long TIMEOUT_S = 240;
    @TempDir
    static Path tmp;
    private Path spec;
    private Path straight;
    private int straightCode;
    private String straightErr;

    static void writeIdx(Path dir, int bias) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(bias);
        byte[] px = new byte[120 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(180) + bias);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), px, 120, 8, 8, false);
    }

    static String specJson(Path data, boolean withMissing) {
        return "{\"name\": \"tiny\", \"p\": [\"mnist-train:" + data.resolve("dark") + "\"], \"q\": [\"mnist-train:"
                + data.resolve("bright") + "\"" + (withMissing ? ", \"mnist-train:" + data.resolve("missing") + "\""
                : "") + "], \"critics\": [\"bcop\"], \"seeds\": 2, \"options\": {\"epochs\": 3, "
                + "\"steps-per-epoch\": 12, \"batch-size\": 8, \"validation-size\": 10, \"test-size\": 10}}";
    }

    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @BeforeAll
    void uninterruptedSweepWithAFailingPair() throws Exception {
        writeIdx(tmp.resolve("dark"), 0);
        writeIdx(tmp.resolve("bright"), 60);
        spec = Files.writeString(tmp.resolve("tiny.json"), specJson(tmp, true));
        straight = tmp.resolve("straight");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = W1Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        straightCode = cli.execute("sweep", spec.toString(), "--out", straight.toString(), "--workers", "2",
                "--worker-heap", "512m", "--quiet");
        straightErr = err.toString();
    }

    @Test
    void failingTasks_areRecorded_othersFinish_exitCodeSaysSo() throws Exception {
        assertEquals(ExitCodes.SWEEP_INCOMPLETE, straightCode, straightErr);
        TaskStore store = new TaskStore(straight.resolve("tasks"));
        for (String id : List.of("p01-q002-bcop-s01", "p01-q002-bcop-s02")) {
            TaskOutcome o = store.outcome(id).orElseThrow();
            assertFalse(o.succeeded());
            assertEquals(ExitCodes.DATA, o.exitCode(), o.error());
            assertTrue(o.error().contains(tmp.resolve("missing").toString()), o.error());
            assertTrue(straightErr.contains("task " + id + " failed"), straightErr);
        }
        for (String id : List.of("p01-q001-bcop-s01", "p01-q001-bcop-s02")) {
            assertTrue(store.succeeded(id), id + ": " + straightErr);
            assertTrue(Files.isRegularFile(straight.resolve("tasks").resolve(id).resolve("result.json")));
        }
        for (String f : List.of("summary.csv", "summary.json", "report.html", "sweep.json")) {
            assertTrue(Files.isRegularFile(straight.resolve(f)), f);
        }
        dev.lipschitzw1.files.ContainerManifest.parse(Files.readAllBytes(straight.resolve("manifest.json")), straight)
                .require(dev.lipschitzw1.experiments.sweep.Sweep.FORMAT, 1, straight);

        // --resume keeps the finished tasks as they are and runs the failed ones again (still failing here).
        Path kept = straight.resolve("tasks").resolve("p01-q001-bcop-s01").resolve("estimate.json");
        byte[] before = Files.readAllBytes(kept);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = W1Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        int code = cli.execute("sweep", "--resume", straight.toString(), "--workers", "2", "--worker-heap", "512m",
                "--quiet");
        assertEquals(ExitCodes.SWEEP_INCOMPLETE, code, err.toString());
        assertArrayEquals(before, Files.readAllBytes(kept), "a finished task is not run again");
        assertTrue(err.toString().contains("task p01-q002-bcop-s01 failed"), err.toString());
    }

    @Test
    void killedWorker_resumed_equalsUninterruptedSweep() throws Exception {
        Path out = tmp.resolve("killed");
        Files.writeString(tmp.resolve("good.json"), specJson(tmp, false));
        Sweep sweep = Sweep.of(SweepSpec.read(tmp.resolve("good.json")), new SourceOptions(null, null));
        LocalExecutor executor = new LocalExecutor(2, "512m", testClassPath(), new SourceOptions(null, null));
        CompletableFuture<SweepSummary> first = CompletableFuture.supplyAsync(
                () -> sweep.run(out.toString(), executor, SweepListener.NONE));
        String victim = "p01-q001-bcop-s02";
        Path state = out.resolve("tasks").resolve(victim + ".partial").resolve("checkpoint").resolve("state.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!Files.exists(state)) {
            assertTrue(System.nanoTime() < deadline && !first.isDone(), "no checkpoint of " + victim);
            Thread.sleep(10);
        }
        Optional<Process> worker = executor.worker(victim);
        assertTrue(worker.isPresent(), "the worker of " + victim + " still runs");
        worker.get().destroyForcibly();
        SweepSummary killed = first.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals(1, killed.failures().size(), "the killed task only: " + killed.failures());
        assertEquals(victim, killed.failures().get(0).taskId());
        assertTrue(Files.isRegularFile(state), "its checkpoint is kept for the resume");

        SweepSummary resumed = sweep.run(out.toString(), executor, SweepListener.NONE);
        assertTrue(resumed.allSucceeded(), resumed.failures().toString());
        assertFalse(Files.exists(state.getParent().getParent()), "staging published");
        for (String id : List.of("p01-q001-bcop-s01", victim)) {
            W1Estimate a = EstimateStore.load(straight.resolve("tasks").resolve(id).resolve("estimate.json"));
            W1Estimate b = EstimateStore.load(out.resolve("tasks").resolve(id).resolve("estimate.json"));
            assertEquals(a.perSeed(), b.perSeed(), id + ": estimate, certificate and curve");
            assertEquals(a.value(), b.value(), 0, id);
        }
    }

    @Test
    void eachTask_equalsThatSeedOfEstimate() throws Exception {
        Path est = tmp.resolve("estimate");
        var cli = W1Main.commandLine();
        cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        int code = cli.execute("estimate", "--p", "mnist-train:" + tmp.resolve("dark"), "--q", "mnist-train:"
                + tmp.resolve("bright"), "--seeds", "2", "--epochs", "3", "--steps-per-epoch", "12", "--batch-size",
                "8", "--validation-size", "10", "--test-size", "10", "--no-floor", "--workers", "2", "--quiet",
                "--out", est.toString());
        assertEquals(0, code);
        String result = Files.readString(est.resolve("result.json"));
        var seeds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result).path("seeds");
        for (int k = 0; k < 2; k++) {
            W1Estimate task = EstimateStore.load(straight.resolve("tasks").resolve("p01-q001-bcop-s0" + (k + 1))
                    .resolve("estimate.json"));
            assertEquals(seeds.get(k).path("estimate").asDouble(), task.perSeed().get(0).estimate(), 0, "seed " + k);
            assertEquals(seeds.get(k).path("certifiedLipschitz").asDouble(),
                    task.perSeed().get(0).certifiedLipschitz(), 0, "seed " + k);
        }
    }
}
