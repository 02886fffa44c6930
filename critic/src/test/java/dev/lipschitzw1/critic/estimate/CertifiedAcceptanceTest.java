package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance rule of docs/decisions.md 33: a critic is certified against a·(1 + 1e-4), a its architectural factor
 * known before training, its estimate reported as raw / a in native pixels; a critic that can never pass is refused
 * before the first training step.
 */
class CertifiedAcceptanceTest {
    private static final ImageSet P = EstimatorTestData.randomImages("p", 200, 0, 1);
    private static final ImageSet Q = EstimatorTestData.randomImages("q", 200, 40, 2);

    /**
     * A BCOP critic that nearest-upsamples ×2 certifies at L ≈ 2 in native pixels (it used to be refused for that).
     * Oracle: its recorded raw estimates, divided by the exact factor 2 (a power of two: the division is exact).
     */
    @Test
    void upsampledCritic_isAccepted_andReportsRawOverTwoInNativePixels() {
        EstimatorConfig config = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 2)
                .withCritic(CriticConfig.quick(EstimatorTestData.SMALL).withSize(4, 2).withUpsample(2));
        W1Estimate e = new DualW1Estimator(config).estimate(P, Q);
        assertTrue(e.certified(), "accepted against 2·(1 + 1e-4): L = " + e.certifiedLipschitz());
        assertTrue(e.certifiedLipschitz() > 2 - 1e-3 && e.certifiedLipschitz() <= 2 * EstimatorConfig.CERTIFIED_LIMIT,
                "L in native pixels ≈ 2: " + e.certifiedLipschitz());
        assertEquals(2.0, e.architecturalFactor(), 0.0);
        double raw = (e.perSeed().get(0).estimate() + e.perSeed().get(1).estimate()) / 2;
        assertEquals(raw / 2, e.value(), 1e-15, "value = mean raw / 2");
        assertEquals(raw, e.upsampledValue(), 1e-15, "the ×2 space: mean raw");
        assertEquals(e.perSeed().get(0).estimate() / 2, e.nativeEstimate(e.perSeed().get(0)), 0.0);
        assertTrue(e.summary().contains("in native pixels") && e.summary().contains("×2 upsampled space"),
                e.summary());
    }

    /**
     * An unconstrained GP critic without a baseline report can never be accepted: refused with the key of the setting
     * that would allow it, before a single training step, and with nothing written to the checkpoint directory.
     */
    @Test
    void gpCriticWithoutBaselineReport_isRefusedBeforeAnyTrainingStep(@TempDir Path dir) {
        EstimatorConfig gp = EstimatorTestData.tiny(EstimatorTestData.SMALL, 2, 3, 1)
                .withCritic(CriticConfig.quick(EstimatorTestData.SMALL).withSize(4, 2)
                        .withVariant(CriticConfig.Variant.GP));
        AtomicLong steps = new AtomicLong();
        ProgressListener counter = new ProgressListener() {
            @Override
            public void step(String run, long step, long totalSteps) {
                steps.incrementAndGet();
            }
        };
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new DualW1Estimator(gp)
                .withCheckpoints(dir.resolve("checkpoint")).withProgress(counter).estimate(P, Q));
        assertEquals("baselineReport", e.key(), e.getMessage());
        assertTrue(e.getMessage().contains("--baseline-report"), e.getMessage());
        assertEquals(0, steps.get(), "no training step before the refusal");
        assertTrue(Files.notExists(dir.resolve("checkpoint")), "nothing written");
    }
}
