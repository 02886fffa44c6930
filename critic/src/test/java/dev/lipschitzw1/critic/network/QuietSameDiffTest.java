package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lipschitzw1.datasets.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SameDiff's "Added differentiated op" lines stay out of user output; other lines pass through. */
class QuietSameDiffTest {

    @Test
    void quiet_dropsOnlyDifferentiatedOpLines() {
        String out = captured(() -> QuietSameDiff.call(() -> {
            System.out.println("Added differentiated op conv2d");
            System.out.println("keep me");
            System.out.print("partial");
            return null;
        }));
        assertEquals("keep me" + System.lineSeparator() + "partial", out, "filtered output");
    }

    @Test
    void firstTrainingStepAndDiagnostics_printNothing() {
        ImageShape s = new ImageShape(1, 16, 16);
        String out = captured(() -> {
            Critic critic = Critic.create(CriticConfig.quick(s).withSize(4, 2));
            new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3)).step(CriticTestData.images(1, s, 4, 0),
                    CriticTestData.images(2, s, 4, 0.5));
            GradientNormDiagnostics.measure(critic, CriticTestData.images(3, s, 2, 0));
            return null;
        });
        assertFalse(out.contains("Added differentiated op"), "stdout of a training step: " + out);
    }

    private static String captured(java.util.function.Supplier<Object> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setOut(original);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
