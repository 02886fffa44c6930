package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class CriticTrainerTest {

    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);

    private static CriticConfig config() {
        return CriticConfig.quick(SHAPE).withSize(4, 2).withPrecision(CriticConfig.Precision.FLOAT64);
    }

    @Test
    void step_lossIsMeanFakeMinusMeanReal_beforeUpdate() {
        Critic critic = Critic.create(config());
        INDArray real = CriticTestData.images(1, SHAPE, 6, 0);
        INDArray fake = CriticTestData.images(2, SHAPE, 4, 0.5);
        double want = critic.forward(fake).meanNumber().doubleValue() - critic.forward(real).meanNumber().doubleValue();
        double loss = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-3)).step(real, fake);
        assertEquals(want, loss, 1e-12, "loss = mean f(fake) − mean f(real)");
    }

    @Test
    void rmspropFirstStep_movesEachParameterByLrOverSqrtOneMinusAlpha() {
        // First RMSprop step from v = 0: v = (1 − α)g², Δθ = −lr·g/(√v + ε) = −lr·sign(g)/√0.01 (|g| ≫ ε).
        Critic critic = Critic.create(config().withVariant(CriticConfig.Variant.GP));
        Map<String, INDArray> before = critic.parameters();
        double lr = 1e-4;
        new CriticTrainer(critic, OptimiserConfig.rmsprop(lr)).step(CriticTestData.images(1, SHAPE, 8, 0),
                CriticTestData.images(2, SHAPE, 8, 0.5));
        Map<String, INDArray> after = critic.parameters();
        int moved = 0;
        int total = 0;
        for (String name : before.keySet()) {
            double[] a = after.get(name).reshape(-1).toDoubleVector();
            double[] b1 = before.get(name).reshape(-1).toDoubleVector();
            for (int i = 0; i < a.length; i++) {
                double step = Math.abs(a[i] - b1[i]);
                assertTrue(step <= 10 * lr * (1 + 1e-9), name + "[" + i + "] moved " + step + " > 10·lr");
                moved += Math.abs(step - 10 * lr) <= 1e-3 * lr ? 1 : 0;
                total++;
            }
            assertEquals(b1.length, a.length, name);
        }
        assertTrue(moved >= 0.9 * total, "parameters moved by exactly 10·lr: " + moved + " of " + total);
    }

    @Test
    void training_isDeterministicForASeed_bcopAndOssn() {
        for (CriticConfig.Variant v : new CriticConfig.Variant[] {CriticConfig.Variant.BCOP, CriticConfig.Variant.OSSN}) {
            double[][] finals = new double[2][];
            for (int run = 0; run < 2; run++) {
                Critic critic = Critic.create(config().withVariant(v).withPrecision(CriticConfig.Precision.FLOAT32));
                CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.adam(1e-3));
                for (int i = 0; i < 3; i++) {
                    trainer.step(CriticTestData.images(i, SHAPE, 8, 0), CriticTestData.images(5 + i, SHAPE, 8, 0.4));
                }
                finals[run] = critic.forward(CriticTestData.images(99, SHAPE, 4, 0)).toDoubleVector();
            }
            assertArrayEquals(finals[0], finals[1], 0.0, v + ": two runs with the same seed");
        }
    }

    @Test
    void saveAndRestore_midRun_continuesBitIdentically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CriticConfig cfg = config().withVariant(CriticConfig.Variant.OSSN).withPrecision(CriticConfig.Precision.FLOAT32);
        Critic a = Critic.create(cfg);
        CriticTrainer ta = new CriticTrainer(a, OptimiserConfig.rmsprop(1e-2));
        ta.step(CriticTestData.images(0, SHAPE, 8, 0), CriticTestData.images(1, SHAPE, 8, 0.4));
        a.save(dir.resolve("mid.critic"));
        Map<String, INDArray> state = ta.state();
        Critic b = Critic.load(dir.resolve("mid.critic"));
        CriticTrainer tb = new CriticTrainer(b, OptimiserConfig.rmsprop(1e-2));
        tb.restoreState(state);
        for (int i = 2; i < 4; i++) {
            ta.step(CriticTestData.images(i, SHAPE, 8, 0), CriticTestData.images(10 + i, SHAPE, 8, 0.4));
            tb.step(CriticTestData.images(i, SHAPE, 8, 0), CriticTestData.images(10 + i, SHAPE, 8, 0.4));
        }
        INDArray probe = CriticTestData.images(50, SHAPE, 4, 0);
        assertArrayEquals(a.forward(probe).toDoubleVector(), b.forward(probe).toDoubleVector(), 0.0,
                "resumed run equals uninterrupted run");
        assertEquals(ta.steps(), tb.steps(), "step count restored");
    }

    @Test
    void training_increasesTheDualObjective_bcop() {
        Critic critic = Critic.create(CriticConfig.quick(SHAPE).withSize(4, 2));
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-2));
        INDArray real = CriticTestData.images(1, SHAPE, 16, 0);
        INDArray fake = CriticTestData.images(2, SHAPE, 16, 0.5);
        double first = trainer.step(real, fake);
        double last = first;
        for (int i = 0; i < 10; i++) {
            last = trainer.step(real, fake);
        }
        assertTrue(-last > -first + 0.5, "estimate mean f(real) − mean f(fake) rose from " + -first + " to " + -last);
        assertEquals(11, trainer.steps(), "steps");
    }

    /**
     * Keep-best restores the whole function, OSSN's power-iteration vectors u, v included: scores and the certificate
     * after restoring a snapshot equal (bit for bit) those at the snapshot, though training went on and changed u, v.
     * Fails when the snapshot covers only the trained parameters (the kernel W/σ̂ then uses the last step's u, v).
     */
    @Test
    void ossnSnapshot_restoresScoresAndCertificateExactly_includingPowerIterationVectors() {
        CriticConfig config = CriticConfig.quick(new ImageShape(1, 8, 8)).withSize(4, 2)
                .withVariant(CriticConfig.Variant.OSSN);
        Critic critic = Critic.create(config);
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(5e-2));
        INDArray real = CriticTestData.images(1, config.input(), 16, 0);
        INDArray fake = CriticTestData.images(2, config.input(), 16, 0.4);
        for (int i = 0; i < 3; i++) {
            trainer.step(real, fake);
        }
        Map<String, INDArray> best = critic.parameters();
        assertTrue(best.keySet().stream().anyMatch(k -> k.endsWith("/u")), "snapshot holds u: " + best.keySet());
        double[] want = critic.scores(real);
        double wantBound = critic.certify().networkBound();
        for (int i = 0; i < 3; i++) {
            trainer.step(real, fake);
        }
        critic.setParameters(best);
        assertArrayEquals(want, critic.scores(real), 0.0, "scores after restoring the snapshot");
        assertEquals(wantBound, critic.certify().networkBound(), 0.0, "certified bound after restoring");
    }
}
