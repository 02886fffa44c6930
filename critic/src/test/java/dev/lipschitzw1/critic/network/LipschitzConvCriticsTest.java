package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.layers.LipschitzAttack;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The critics built on the later 1-Lipschitz convolutions (issue 15: AOL, SOC, SLL, Cayley), each in a small float64 version of the
 * quick shape (1×8×8 input, two stages): parameter gradients against finite differences, the certificate from the
 * exported layers (≤ 1 + 1e-4), a sampled Lipschitz attack that stays under it, and one training step lowering the
 * loss mean f(fake) − mean f(real).
 */
class LipschitzConvCriticsTest {

    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);

    private static CriticConfig small(CriticConfig.Variant v) {
        return CriticConfig.quick(SHAPE).withVariant(v).withSize(2, 2).withPrecision(CriticConfig.Precision.FLOAT64)
                .withSeed(3);
    }

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = {"AOL", "SOC", "SLL", "CAYLEY"})
    void critic_parameterGradientsMatchFiniteDifferences_float64(CriticConfig.Variant v) {
        Critic critic = Critic.create(small(v));
        INDArray x = CriticTestData.images(4, SHAPE, 3, 0).castTo(DataType.DOUBLE);
        INDArray w = Nd4j.createFromArray(new double[] {0.7, -1.1, 0.4}).reshape(3, 1);
        Map<String, GradientCheck.Result> r = CriticGradientTesting.check(critic, x, w, 4, 5);
        for (var e : r.entrySet()) {
            assertTrue(e.getValue().maxRelError() <= 1e-5, v + " " + e.getKey() + ": " + e.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = {"AOL", "SOC", "SLL", "CAYLEY"})
    void critic_certifiedAtMostOne_exportReproducesForward_attackStaysBelow(CriticConfig.Variant v) {
        assertCertifiedExportedAndAttacked(Critic.create(small(v)), v.toString(), 2);
    }

    /**
     * A float64 critic's certificate is at most 1 + 1e-4, its exported layers evaluated in double reproduce its
     * scores on {@code samples} images to 1e-12, and a sampled Lipschitz attack finds a positive ratio no larger than
     * the certificate.
     */
    static void assertCertifiedExportedAndAttacked(Critic critic, String label, int samples) {
        ImageShape shape = critic.config().input();
        double bound = critic.certify().networkBound();
        assertTrue(bound <= 1 + 1e-4, label + ": certified " + bound);
        INDArray x = CriticTestData.images(5, shape, samples, 0).castTo(DataType.DOUBLE);
        List<PlainLayer> plain = critic.materialise();
        INDArray f = critic.forward(x);
        for (int i = 0; i < samples; i++) {
            assertEquals(CriticTestData.plainForward(plain, CriticTestData.sample(x, i)), f.getDouble(i), 1e-12,
                    label + ": forward vs export, sample " + i);
        }
        double attack = LipschitzAttack.largestRatio(
                LipschitzAttack.scalar(critic::forward, critic::inputGradient), shape.toArray(), 2, 8, 9);
        assertTrue(attack > 0 && attack <= bound, label + ": attack " + attack + " vs certified " + bound);
    }

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = {"AOL", "SOC", "SLL", "CAYLEY"})
    void oneTrainingStep_lowersTheLoss(CriticConfig.Variant v) {
        Critic critic = Critic.create(small(v).withPrecision(CriticConfig.Precision.FLOAT32));
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3));
        INDArray real = CriticTestData.images(1, SHAPE, 16, 0);
        INDArray fake = CriticTestData.images(2, SHAPE, 16, 0.5);
        double before = trainer.step(real, fake);
        double after = mean(critic.forward(fake)) - mean(critic.forward(real));
        assertTrue(after < before, v + ": loss " + before + " → " + after);
    }

    private static double mean(INDArray scores) {
        return scores.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
