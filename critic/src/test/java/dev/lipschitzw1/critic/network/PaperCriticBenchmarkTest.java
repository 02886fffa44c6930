package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.datasets.ImageShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Timing (slow): the authors' critic ({@link CriticConfig#paper}, 3×32×32 upsampled to 64×64, 4 BCOP stages,
 * BjorckLinear 8192 → 1), one RMSprop step on a real and a fake batch of 64 (one forward over both: weights built
 * once), median of 3 after one warm-up; then one certification. Compare with docs/benchmarks.md (reference: 12.4 s per step
 * on 2 threads, building the weights twice) in the same sitting, same thread count.
 */
@Tag("slow")
class PaperCriticBenchmarkTest {

    @Test
    void paperCritic_stepTime_cifarShape() {
        ImageShape cifar = new ImageShape(3, 32, 32);
        long t0 = System.nanoTime();
        Critic critic = Critic.create(CriticConfig.paper(cifar));
        double build = (System.nanoTime() - t0) / 1e9;
        CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-4));
        INDArray real = CriticTestData.images(1, cifar, 64, 0);
        INDArray fake = CriticTestData.images(2, cifar, 64, 0.1);
        long w0 = System.nanoTime();
        trainer.step(real, fake);
        double first = (System.nanoTime() - w0) / 1e9;
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            trainer.step(real, fake);
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        java.util.Arrays.sort(t);
        long c0 = System.nanoTime();
        Certificate cert = critic.certify();
        double certify = (System.nanoTime() - c0) / 1e9;
        System.out.printf("paper critic 3×32×32: %d parameters, build %.1f s, first step %.1f s, step median %.2f s "
                + "(min %.2f), certify %.1f s, bound %.6f, threads OMP_NUM_THREADS=%s, peak heap %d MiB%n",
                critic.parameterCount(), build, first, t[1], t[0], certify, cert.networkBound(),
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().totalMemory() >> 20);
        assertTrue(cert.networkBound() <= 2 * (1 + 1e-4), "paper critic: 2 (upsampling) × BCOP ≈ 1");
    }
}
