package dev.lipschitzw1.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.io.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code w1 estimate} killed with SIGKILL ({@link Process#destroyForcibly()}) in a child JVM at a random point after
 * its first checkpoint, then continued with {@code --resume}. Oracle: an uninterrupted run of the same command in a
 * child JVM with the same settings (heap, {@code OMP_NUM_THREADS=1}); every per-seed value, the mean, the certified L,
 * the curves and the certificates must be equal exactly.
 */
class KillResumeTest {
    private static final long TIMEOUT_S = 120;

    @Test
    void estimateKilledAtRandomPoint_resumeEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        writeIdx(Files.createDirectories(tmp.resolve("dark")), 0);
        writeIdx(Files.createDirectories(tmp.resolve("bright")), 60);

        Path straight = tmp.resolve("straight");
        long t0 = System.nanoTime();
        Process a = start(tmp, "straight", estimate(tmp, straight));
        long firstCheckpoint = waitForCheckpoint(a, straight) - t0;
        assertEquals(0, finish(a, tmp, "straight"), "uninterrupted run");
        long total = System.nanoTime() - t0;

        // Kill somewhere in the part of the run that follows the first checkpoint (seeded, so the fraction is fixed;
        // where in the training that lands still varies with the machine's speed).
        double fraction = new SplittableRandom(20240611).nextDouble(0.05, 0.7);
        Path killed = tmp.resolve("killed");
        Process b = start(tmp, "killed", estimate(tmp, killed));
        waitForCheckpoint(b, killed);
        long delayMs = (long) (fraction * (total - firstCheckpoint) / 1e6);
        Thread.sleep(delayMs);
        assertTrue(b.isAlive(), "the run ended before the kill (" + delayMs + " ms after its first checkpoint)");
        b.destroyForcibly().waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        assertFalse(Files.exists(killed), "no result from a killed run");
        assertTrue(Files.isDirectory(tmp.resolve("killed.partial")), "the staging directory survives the kill");

        Process c = start(tmp, "resumed", List.of("estimate", "--resume", killed.toString(), "--quiet"));
        assertEquals(0, finish(c, tmp, "resumed"), "resumed run");
        ResumeAssertions.assertSameResult(straight, killed);
        assertFalse(Files.exists(tmp.resolve("killed.partial")), "staging directory published");
    }

    private static List<String> estimate(Path data, Path out) {
        return List.of("estimate", "--p", "mnist-train:" + data.resolve("dark"), "--q",
                "mnist-train:" + data.resolve("bright"), "--epochs", "2", "--steps-per-epoch", "3", "--seeds", "2",
                "--batch-size", "8", "--validation-size", "10", "--test-size", "10", "--no-floor", "--quiet", "--out",
                out.toString());
    }

    /** {@code java -Xmx1g -cp <test class path> W1Main ARGS} with OMP_NUM_THREADS=1, output to files in {@code dir}. */
    private static Process start(Path dir, String name, List<String> args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath,
                W1Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Waits until OUT.partial holds a checkpoint; returns System.nanoTime() then. */
    private static long waitForCheckpoint(Process p, Path out) throws InterruptedException {
        Path state = out.resolveSibling(out.getFileName() + ".partial").resolve("checkpoint").resolve("state.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!Files.exists(state)) {
            assertTrue(p.isAlive() || Files.exists(state), "the run ended before its first checkpoint");
            assertTrue(System.nanoTime() < deadline, "no checkpoint after " + TIMEOUT_S + " s");
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    private static int finish(Process p, Path dir, String name) throws Exception {
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish in " + TIMEOUT_S + " s");
        }
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(dir.resolve(name + ".err")));
        }
        return p.exitValue();
    }

    private static void writeIdx(Path dir, int bias) {
        SplittableRandom rng = new SplittableRandom(bias);
        byte[] px = new byte[120 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(180) + bias);
        }
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), px, 120, 8, 8, false);
    }
}
