package dev.lipschitzw1.critic.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.synthetic.FunnelConfig;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.KnownW1Pair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a funnel pair (Korotin et al. 2022; docs/datasets.md), whose optimal critic is not linear: a
 * BCOP critic's held-out estimate is a certified lower bound, so its 95 % interval must not lie above the exact W1,
 * and the distance below it is printed. Tagged slow: 2 seeds of the quick critic at the quick preset's schedule.
 * Closeness to the truth is not asserted: the quick critic converges about 11 % below it even when trained 8× longer
 * (measured, docs/results.md, table c1), so a 3 % bound would fail for its architecture, not for a defect.
 */
@Tag("slow")
class FunnelKnownW1Test {
    private static final ImageSet MNIST = DataSources.bundledMnistTest().head(3000);

    @Test
    void funnelEasyOnMnist_certifiedAndIntervalNotAboveTheTruth() {
        KnownW1Pair pair = FunnelPair.of(MNIST, FunnelConfig.EASY).pair();
        EstimatorConfig config = new EstimatorConfig("funnel", CriticConfig.quick(MNIST.shape()),
                OptimiserConfig.rmsprop(2e-3), 0.8, 10, 150, 64, 500, 1000, 2, 11, true, false, false, null, null,
                null);
        W1Estimate e = new DualW1Estimator(config).estimate(pair.p(), pair.q());
        double truth = pair.exactW1();
        String report = String.format("estimate %.5f (CI [%.5f, %.5f], seeds %s) vs exact %.5f: %.2f %% below, L %.6f",
                e.value(), e.ci95().low(), e.ci95().high(),
                e.perSeed().stream().map(s -> String.format("%.5f", s.estimate())).toList(), truth,
                100 * (truth - e.value()) / truth, e.certifiedLipschitz());
        System.out.println("KNOWN-W1 funnel EASY: " + report);
        assertTrue(e.certified(), report);
        assertTrue(e.ci95().low() <= truth, "interval not above the truth: " + report);
    }
}
