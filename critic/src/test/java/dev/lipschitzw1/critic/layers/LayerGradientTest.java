package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Input and parameter gradients of the parameter-free and plain layers against central finite differences in float64
 * (GradientCheck, five-point stencil), loss ⟨R, layer(x)⟩ with a fixed Gaussian R. Tolerance: relative error ≤ 1e-6.
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
    void circularPad_adjointIdentity_wrapsTwice() {
        // ⟨u, pad(x)⟩ = ⟨padᵀ(u), x⟩ for the circular pad and its adjoint (pads wider than the map wrap twice).
        INDArray x = LayerTesting.gaussian(33, DataType.DOUBLE, 2, 2, 3, 2);
        INDArray padded = ConvOps.circularPad(x, 4, 1, 3, 2);
        assertArrayEquals(new long[] {2, 2, 8, 7}, padded.shape(), "padded shape");
        INDArray u = LayerTesting.gaussian(34, DataType.DOUBLE, 2, 2, 8, 7);
        double lhs = u.mul(padded).sumNumber().doubleValue();
        double rhs = ConvOps.circularPadAdjoint(u, 4, 1, 3, 2).mul(x).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-12 * Math.abs(lhs), "adjoint identity of circular padding");
        // and the pad itself: y[i, j] = x[(i − 4) mod 3, (j − 3) mod 2]
        assertEquals(x.getDouble(1, 1, Math.floorMod(0 - 4, 3), Math.floorMod(6 - 3, 2)), padded.getDouble(1, 1, 0, 6),
                0.0, "wrapped pixel");
    }
}
