package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A BCOP critic saved here loads in a fresh JVM (where no graph has registered the eager Björck ops yet, as when
 * {@code --resume} continues a killed run) and scores exactly as the saved one. Oracle: the score of the critic that
 * was saved, compared bit for bit.
 */
class CriticArchiveFreshJvmTest {

    /** Child process: loads the critic in {@code args[0]} and prints its score on the fixed test images. */
    public static void main(String[] args) {
        Critic critic = Critic.load(Path.of(args[0]));
        System.out.println(Double.doubleToLongBits(score(critic)));
    }

    private static double score(Critic critic) {
        INDArray x = CriticTestData.images(5, critic.config().input(), 3, 0.0);
        return critic.forward(x).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).getDouble(0);
    }

    @Test
    void savedBcopCritic_loadsInAFreshJvm_withTheSameScores(@TempDir Path dir) throws Exception {
        Critic critic = Critic.create(GradientNormDiagnosticsTest.gnpConfig(CriticConfig.Variant.BCOP));
        Path file = dir.resolve("bcop.critic");
        critic.save(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CriticArchiveFreshJvmTest.class.getName(), file.toString()))
                .redirectErrorStream(false).redirectError(new File(dir.resolve("child.err").toString())).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        child.waitFor(120, TimeUnit.SECONDS);
        String err = Files.readString(dir.resolve("child.err"));
        assertEquals(0, child.exitValue(), "child failed: " + err);
        String[] lines = out.split("\\R");
        assertEquals(Double.doubleToLongBits(score(critic)), Long.parseLong(lines[lines.length - 1]),
                "the loaded critic scores exactly as the saved one");
    }
}
