package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GradientNormDiagnosticsTest {

    /**
     * A critic whose every layer preserves gradient norms: 1×32×32 input (no padding), width 4, depth 3, so stage 1
     * is a square 4→4 BCOP (orthogonal) and stages 2, 3 (16→8, 32→16) have all singular values 1 on the input side;
     * MaxMin, pixel-unshuffle and the unit-row head preserve norms too. Hence ‖∇ₓf‖ = 1 exactly, up to Björck's
     * residual and float32 rounding.
     */
    static CriticConfig gnpConfig(CriticConfig.Variant v) {
        return new CriticConfig(v, CriticConfig.Activation.MAX_MIN, new ImageShape(1, 32, 32), 0, 1, 4, 3, 0, 0, 2,
                true, Padding.CIRCULAR, BjorckConfig.TRAINING, OssnConfig.DEFAULT, 0.2, CriticConfig.Precision.FLOAT32, 3);
    }

    @Test
    void bcopGnpCritic_gradientNormsAreOne_freshAndTrained() {
        Critic critic = Critic.create(gnpConfig(CriticConfig.Variant.BCOP));
        ImageShape s = critic.config().input();
        INDArray x = CriticTestData.images(5, s, 16, 0.0);
        GradientNormDiagnostics.Summary fresh = GradientNormDiagnostics.measure(critic, x);
        assertEquals(1.0, fresh.min(), 1e-4, "fresh: " + fresh);
        assertEquals(1.0, fresh.max(), 1e-4, "fresh: " + fresh);
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3));
        for (int i = 0; i < 10; i++) {
            trainer.step(CriticTestData.images(10 + i, s, 16, 0.0), CriticTestData.images(20 + i, s, 16, 0.3));
        }
        GradientNormDiagnostics.Summary trained = GradientNormDiagnostics.measure(critic, x);
        assertEquals(1.0, trained.mean(), 1e-4, "after 10 steps: " + trained);
        assertEquals(1.0, trained.min(), 1e-4, "after 10 steps: " + trained);
    }

    @Test
    void rkoAndOssnCritics_attenuateGradients_sameShape() {
        INDArray x = CriticTestData.images(5, new ImageShape(1, 32, 32), 16, 0.0);
        for (CriticConfig.Variant v : new CriticConfig.Variant[] {CriticConfig.Variant.RKO, CriticConfig.Variant.OSSN}) {
            Critic critic = Critic.create(gnpConfig(v));
            GradientNormDiagnostics.Summary s = GradientNormDiagnostics.measure(critic, x);
            System.out.println(v + " fresh, GNP-shaped critic: " + s);
            assertTrue(s.max() < 0.9, v + " should attenuate gradients: " + s);
        }
    }

    /** One sample (a 1×1 head product), every pixel, float64, h = 1e-6. */
    @Test
    void gradientNorm_matchesFiniteDifferencesOfForward_float64() {
        CriticConfig cfg = new CriticConfig(CriticConfig.Variant.BCOP, CriticConfig.Activation.MAX_MIN,
                new ImageShape(1, 8, 8), 0, 1, 4, 2, 0, 0, 2, true, Padding.CIRCULAR, BjorckConfig.TRAINING,
                OssnConfig.DEFAULT, 0.2, CriticConfig.Precision.FLOAT64, 4);
        Critic critic = Critic.create(cfg);
        INDArray x = CriticTestData.images(6, cfg.input(), 1, 0.0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray g = critic.inputGradient(x);
        double h = 1e-6;
        double worst = 0;
        double sq = 0;
        for (int i = 0; i < 64; i++) {
            INDArray xp = x.dup();
            INDArray xm = x.dup();
            xp.putScalar(i, x.getDouble(i) + h);
            xm.putScalar(i, x.getDouble(i) - h);
            double fd = (critic.forward(xp).getDouble(0) - critic.forward(xm).getDouble(0)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - g.getDouble(i)) / Math.max(1e-8, Math.abs(fd)));
            sq += fd * fd;
        }
        assertTrue(worst <= 1e-6, "per-pixel relative error " + worst);
        assertEquals(Math.sqrt(sq), GradientNormDiagnostics.measure(critic, x).mean(), 1e-8,
                "‖∇ₓf‖ vs finite differences");
    }
}
