package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Input and parameter gradients of the parameter-free and plain layers against central finite differences in float64
 * (GradientCheck, h = 1e-6), loss ⟨R, layer(x)⟩ with a fixed Gaussian R. Tolerance: relative error ≤ 1e-6.
 */
class LayerGradientTest {

    private static final double TOL = 1e-6;

    @Test
    void parameterFreeLayers_inputGradientsMatchFiniteDifferences() {
        int[] s = {4, 6, 4};
        LipschitzLayer[] layers = {new PixelUnshuffle("pu", s, 2), new MaxMin("mm", s), new GroupSort("gs", s, 4),
            new ZeroPad("pad", s, 1, 2, 0, 3), new LeakyRelu("leaky", s, 0.25), new Flatten("flat", s),
            new NearestUpsample("up", s, 2), new MaxMin("mmDense", new int[] {6})};
        for (LipschitzLayer layer : layers) {
            var r = GradientTesting.check(layer, 2, 31, 60);
            assertTrue(GradientTesting.worst(r) <= TOL, layer.name() + ": " + r);
        }
    }

    @Test
    void plainConvAndDense_gradientsMatchFiniteDifferences_circularZero_k2k3() {
        LipschitzLayer[] layers = {new Conv2d("c2circ", new int[] {3, 4, 5}, 2, 2, Padding.CIRCULAR, true, 5),
            new Conv2d("c3zero", new int[] {2, 5, 4}, 3, 3, Padding.ZERO, true, 6), new Dense("dense", 7, 3, true, 7)};
        for (LipschitzLayer layer : layers) {
            var r = GradientTesting.check(layer, 2, 32, 60);
            assertTrue(GradientTesting.worst(r) <= TOL, layer.name() + ": " + r);
        }
    }

    @Test
    void denseHeads_oneSampleOneOutput_gradientsMatchFiniteDifferences() {
        LipschitzLayer[] heads = {new Dense("dense1", 9, 1, true, 8),
            new BjorckLinear("bjorck1", 9, 1, true, dev.lipschitzw1.critic.orthogonal.BjorckConfig.TRAINING, 9)};
        for (LipschitzLayer layer : heads) {
            var r = GradientTesting.check(layer, 1, 34, 60);
            assertTrue(GradientTesting.worst(r) <= TOL, layer.name() + " on one sample: " + r);
        }
    }

    @Test
    void circularPad_gradientMatchesFiniteDifferences_wrapsTwice() {
        LipschitzLayer pad = new LipschitzLayer() {
            public String name() {
                return "circ";
            }

            public String kind() {
                return "CircularPad";
            }

            public int[] inputShape() {
                return new int[] {2, 3, 2};
            }

            public int[] outputShape() {
                return new int[] {2, 3 + 4 + 1, 2 + 3 + 2};
            }

            public SDVariable apply(SameDiff sd, SDVariable x) {
                return CircularPad.apply(sd, x, 3, 2, 4, 1, 3, 2);
            }

            public PlainLayer export(SameDiff sd) {
                throw new UnsupportedOperationException();
            }
        };
        var r = GradientTesting.check(pad, 2, 33, 60);
        assertTrue(GradientTesting.worst(r) <= TOL, "circular pad: " + r);
    }
}
