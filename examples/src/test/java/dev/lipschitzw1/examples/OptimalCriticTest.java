package dev.lipschitzw1.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.SourceOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimalCritic} on 300 + 300 images and a short schedule. Oracle: Kantorovich–Rubinstein — the certified
 * critic's dual value on the samples cannot exceed the exact W1 between them (tolerance: its certified L above 1,
 * times W1, plus 1e-6 for float32 scores); and training must have found part of the optimal critic's shape.
 */
class OptimalCriticTest {

    @Test
    void aCertifiedCriticStaysBelowTheExactSampleW1AndCorrelatesWithTheOptimalCritic() throws Exception {
        ImageSet p = DataSources.bundledMnistTest().head(300);
        ImageSet q = FloatImageSet.fromArray("generator:mnist", DataSources.resolve("generator:mnist",
                SourceOptions.DEFAULT).sample(300, new SplittableRandom(1)));
        EstimatorConfig config = EstimatorConfig.quick(p.shape()).withSchedule(2, 20, 0.8).withSamples(32, 60, 60)
                .withFlags(true, false, false);
        OptimalCritic.Comparison c = OptimalCritic.compare(p, q, config);
        assertTrue(c.certifiedLipschitz() <= 1 + 1e-4, "certified: " + c);
        assertTrue(c.trainedDual() <= c.exactW1() * c.certifiedLipschitz() + 1e-6, "KR bound: " + c);
        assertTrue(c.trainedDual() > 0 && c.correlation() > 0.2, "learnt something: " + c);
    }
}
