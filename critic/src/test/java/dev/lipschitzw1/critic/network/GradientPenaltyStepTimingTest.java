package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measurement (slow, prints one line per kind): step time of the quick-shaped GP critic (1×28×28 zero-padded to
 * 32×32, width 16, depth 3, LeakyReLU 0.2, float32) on batches of 32 + 32, plain dual step vs penalised steps (GP and
 * LP: the forward also carries the 32 interpolates, then the explicit input-gradient graph and its derivative), after
 * 3 warm-up steps, median of 15, the three kinds interleaved step by step so that load from other processes hits
 * them alike. Run with {@code -Pslow -Dtest=GradientPenaltyStepTimingTest} and
 * OMP_NUM_THREADS set (the figures in docs/critic.md used 1 thread).
 */
@Tag("slow")
class GradientPenaltyStepTimingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final int WARMUP = 3;
    private static final int STEPS = 15;

    @Test
    void penalisedStep_vsPlainStep_quickGpCritic_batch32() {
        CriticConfig cfg = CriticConfig.quick(MNIST).withVariant(CriticConfig.Variant.GP);
        CriticTrainer plain = new CriticTrainer(Critic.create(cfg), OptimiserConfig.rmsprop(1e-4));
        GradientPenaltyTrainer gp = new GradientPenaltyTrainer(
                new CriticTrainer(Critic.create(cfg), OptimiserConfig.rmsprop(1e-4)), GradientPenalty.WGAN_GP);
        GradientPenaltyTrainer lp = new GradientPenaltyTrainer(
                new CriticTrainer(Critic.create(cfg), OptimiserConfig.rmsprop(1e-4)), GradientPenalty.oneSided(10));
        SplittableRandom rng = new SplittableRandom(1);
        double[][] seconds = new double[3][STEPS];
        for (int i = 0; i < WARMUP + STEPS; i++) {
            INDArray real = CriticTestData.images(i, MNIST, 32, 0.0);
            INDArray fake = CriticTestData.images(1000 + i, MNIST, 32, 0.0).muli(0.5);
            long t0 = System.nanoTime();
            plain.step(real, fake);
            long t1 = System.nanoTime();
            gp.step(real, fake, rng);
            long t2 = System.nanoTime();
            lp.step(real, fake, rng);
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                seconds[0][i - WARMUP] = (t1 - t0) / 1e9;
                seconds[1][i - WARMUP] = (t2 - t1) / 1e9;
                seconds[2][i - WARMUP] = (t3 - t2) / 1e9;
            }
        }
        double p = median(seconds[0]);
        double g = median(seconds[1]);
        double l = median(seconds[2]);
        System.out.printf("GP critic (%d params), batch 32 + 32, %s threads: plain step %.3f s, WGAN-GP step %.3f s "
                        + "(×%.2f), LP step %.3f s (×%.2f)%n", plain.network().parameterCount(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), p, g, g / p, l, l / p);
        assertTrue(p > 0 && g > 0 && l > 0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
