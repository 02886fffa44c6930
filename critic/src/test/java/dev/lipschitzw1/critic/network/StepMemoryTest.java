package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Resident memory stays flat over thousands of training steps: in a child JVM with a large heap (so the garbage
 * collector has no reason to run), 2,000 steps of the quick critic on fresh batches, with an evaluation every 200 steps
 * as the estimator does. Oracle: the child's VmRSS (/proc/self/status) after step 2,000 is within 10 % of that after
 * step 200. Linux only; a benchmark-style test, tagged slow.
 */
@Tag("slow")
class StepMemoryTest {

    /** Child process: prints "step rssKiB" after steps 200, 1000 and 2000. */
    public static void main(String[] args) throws Exception {
        CriticConfig config = CriticConfig.quick(new ImageShape(1, 28, 28));
        Critic critic = Critic.create(config);
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3));
        SplittableRandom rng = new SplittableRandom(1);
        INDArray held = CriticTestData.images(9, config.input(), 1000, 0.0);
        for (int step = 1; step <= 2000; step++) {
            try (var ws = Workspaces.open(Workspaces.ITERATION)) {
                INDArray real = CriticTestData.images(rng.nextLong(), config.input(), 64, 0.0);
                INDArray fake = CriticTestData.images(rng.nextLong(), config.input(), 64, 0.3);
                trainer.step(real, fake);
            }
            if (step % 200 == 0) {
                critic.scores(held);
            }
            if (step == 200 || step == 1000 || step == 2000) {
                System.out.println(step + " " + rssKib());
            }
        }
    }

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void residentMemory_after2000Steps_within10PercentOfStep200(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx8g", "-cp", System.getProperty("java.class.path"),
                StepMemoryTest.class.getName()))
                .redirectError(new File(dir.resolve("child.err").toString())).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        child.waitFor(1800, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), "child failed: " + Files.readString(dir.resolve("child.err")));
        long at200 = -1;
        long at2000 = -1;
        for (String line : out.split("\\R")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[0].equals("200")) {
                at200 = Long.parseLong(f[1]);
            } else if (f.length == 2 && f[0].equals("2000")) {
                at2000 = Long.parseLong(f[1]);
            }
        }
        System.out.println("VmRSS (KiB) at steps 200 / 1000 / 2000: " + out.replace('\n', ';'));
        assertTrue(at200 > 0 && at2000 > 0, "child output: " + out);
        assertTrue(at2000 <= 1.10 * at200, "RSS grew from " + at200 + " KiB (step 200) to " + at2000 + " KiB (step 2000)");
    }
}
