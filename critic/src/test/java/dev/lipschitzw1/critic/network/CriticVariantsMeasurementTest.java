package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.datasets.ImageShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measurement (slow, prints a table): the quick 1×28×28 critic in each variant trained 50 RMSprop steps (lr 1e-3,
 * batches of 32 uniform images vs images ×0.5), then certified bound, ‖∇ₓf‖ statistics and step time; plus OSSN at
 * lr 1 in both modes. Run with {@code -Pslow} or {@code -Dtest=CriticVariantsMeasurementTest -DexcludedGroups=}.
 */
@Tag("slow")
class CriticVariantsMeasurementTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void variants_certifiedBoundAndGradientNorms_afterTraining() {
        INDArray probe = CriticTestData.images(999, MNIST, 32, 0.0);
        for (CriticConfig.Variant v : CriticConfig.Variant.values()) {
            row(v.toString(), CriticConfig.quick(MNIST).withVariant(v), 1e-3, 50, probe);
        }
        for (OssnConfig.Mode m : OssnConfig.Mode.values()) {
            Certificate c = row("OSSN " + m + " lr 1", CriticConfig.quick(MNIST).withVariant(CriticConfig.Variant.OSSN)
                    .withOssn(new OssnConfig(1, m)), 1.0, 50, probe);
            assertTrue(c.networkBound() > 1, "OSSN " + m + " at lr 1: " + c.networkBound());
        }
    }

    private static Certificate row(String label, CriticConfig cfg, double lr, int steps, INDArray probe) {
        Critic critic = Critic.create(cfg);
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(lr));
        long t0 = System.nanoTime();
        double loss = 0;
        for (int i = 0; i < steps; i++) {
            loss = trainer.step(CriticTestData.images(i, MNIST, 32, 0.0),
                    CriticTestData.images(1000 + i, MNIST, 32, 0.0).muli(0.5));
        }
        double perStep = (System.nanoTime() - t0) / 1e9 / steps;
        Certificate cert = critic.certify();
        GradientNormDiagnostics.Summary g = GradientNormDiagnostics.measure(critic, probe);
        System.out.printf("%-22s params %7d  step %.3f s  estimate %.4f  certified %.6g  %s%n", label,
                critic.parameterCount(), perStep, -loss, cert.networkBound(), g);
        return cert;
    }
}
