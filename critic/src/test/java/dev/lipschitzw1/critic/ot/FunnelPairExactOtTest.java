package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.datasets.synthetic.FunnelConfig;
import dev.lipschitzw1.datasets.synthetic.FunnelPair;
import dev.lipschitzw1.datasets.synthetic.SmoothRandomImages;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Funnel pairs against exact optimal transport: the Jonker–Volgenant assignment between the two uniform distributions
 * on n images each (n = 150–200) must cost what the pair declares, (1/n)·Σ‖x_i − T(x_i)‖. The solver knows nothing of
 * the potential or of the pairing by index, so this checks the claim that the identity coupling is optimal.
 * Tolerance 1e-9 relative: both sides are exact up to double rounding (JV's potentials, relative n·ε ≈ 1e-13).
 */
class FunnelPairExactOtTest {
    private static final ImageSet MNIST = DataSources.bundledMnistTest();

    private static void check(FunnelPair pair) {
        ExactW1Result exact = ExactW1.between((ImageSet) pair.pair().p(), (ImageSet) pair.pair().q());
        double declared = pair.pair().exactW1();
        assertEquals(ExactW1.ASSIGNMENT, exact.method(), "equal sizes, uniform weights");
        assertEquals(exact.value(), declared, 1e-9 * exact.value(),
                "exact OT vs declared W1 of " + pair.pair().q().name());
    }

    @Test
    void mnistEasy_assignmentEqualsDeclaredW1_n200() {
        check(FunnelPair.of(MNIST.head(200), FunnelConfig.EASY));
    }

    @Test
    void mnistHard_assignmentEqualsDeclaredW1_n200() {
        ImageSet slice = MNIST.subset("mnist-test[1000:1200]", IntStream.range(1000, 1200).toArray());
        check(FunnelPair.of(slice, FunnelConfig.HARD.withSeed(3)));
    }

    @Test
    void smoothRgbHard_assignmentEqualsDeclaredW1_n150() {
        check(FunnelPair.of(SmoothRandomImages.generate(new ImageShape(3, 32, 32), 150, 5), FunnelConfig.HARD));
    }
}
