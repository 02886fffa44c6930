package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.network.LayerNetwork;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The strided convolution with symmetric zero padding, in float64, against oracles that do not use libnd4j: its
 * export's direct summation ({@link PlainStridedConv#forward}), the pixel-unshuffle + stride-1 conv it equals, central
 * finite differences of its gradients, and the exact spectral norm (SVD of its dense matrix) for its certificate.
 * Geometries: the discriminator's 4×4/2 (pad 1), 6×6/2 (pad 2), 3×3/3 (pad 0) and 3×3/1 (pad 1).
 */
class StridedConv2dTest {

    private static List<StridedConv2d> layers() {
        return List.of(new StridedConv2d("k4s2", new int[] {3, 8, 6}, 4, 4, 2, true, 1),
                new StridedConv2d("k6s2", new int[] {2, 6, 8}, 3, 6, 2, true, 2),
                new StridedConv2d("k3s3", new int[] {2, 6, 9}, 3, 3, 3, false, 3),
                new StridedConv2d("k3s1", new int[] {2, 5, 4}, 3, 3, 1, true, 4));
    }

    @Test
    void forward_equalsExportByDirectSummation_andOutputShapeHalves_float64() {
        for (StridedConv2d layer : layers()) {
            LayerTesting.Built built = LayerTesting.build(layer, DataType.DOUBLE);
            INDArray x = LayerTesting.gaussian(11, DataType.DOUBLE, 3, layer.inputShape());
            double diff = LayerTesting.maxDiffToExport(built, layer.export(), x);
            assertTrue(diff <= 1e-12, layer.name() + ": libnd4j vs direct summation, max |Δ| = " + diff);
            long[] y = built.run(x).shape();
            int[] in = layer.inputShape();
            int stride = layer.export().stride();
            assertArrayEquals(new long[] {3, layer.outputShape()[0], in[1] / stride, in[2] / stride}, y,
                    layer.name() + ": output [N, cout, H/s, W/s]");
        }
    }

    @Test
    void export_equalsPixelUnshuffleThenItsStrideOneConv_double() {
        for (StridedConv2d layer : layers()) {
            layer.initialise(DataType.DOUBLE);
            PlainStridedConv plain = layer.export();
            PlainConv conv = plain.unshuffledConv();
            PlainFixed unshuffle = new PixelUnshuffle("pu", layer.inputShape(), plain.stride()).export();
            for (int n = 0; n < 3; n++) {
                double[] x = LayerTesting.sample(LayerTesting.gaussian(20 + n, DataType.DOUBLE, 1,
                        layer.inputShape()), 0);
                double[] want = plain.forward(x);
                double[] got = conv.forward(unshuffle.forward(x));
                assertEquals(want.length, got.length, layer.name() + ": output length");
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-12, layer.name() + ": output " + i);
                }
            }
        }
    }

    @Test
    void gradients_matchFiniteDifferences_float64() {
        for (StridedConv2d layer : layers()) {
            var r = GradientTesting.check(layer, 2, 33, 60);
            assertTrue(GradientTesting.worst(r) <= 1e-6, layer.name() + ": " + r);
        }
    }

    /**
     * The certificate of a network holding the layer: its bound is at least the exact spectral norm of the layer's
     * linear part (its dense matrix, column j the image of basis vector e_j, by SVD), and its value equals it.
     */
    @Test
    void certificate_boundsTheExactSpectralNorm_valueEqualsIt() {
        StridedConv2d layer = new StridedConv2d("k4s2", new int[] {2, 8, 8}, 3, 4, 2, false, 5);
        LayerNetwork net = LayerNetwork.of(new ImageShape(2, 8, 8), DataType.DOUBLE, List.of(layer,
                new Flatten("flat", new int[] {3, 4, 4}), new Dense("head", 48, 1, false, 6)));
        PlainStridedConv plain = layer.export();
        int in = PlainLayer.size(plain.inputShape());
        int out = PlainLayer.size(plain.outputShape());
        double[][] a = new double[out][in];
        for (int j = 0; j < in; j++) {
            double[] e = new double[in];
            e[j] = 1;
            double[] col = plain.forward(e);
            for (int i = 0; i < out; i++) {
                a[i][j] = col[i];
            }
        }
        double sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getNorm();
        LayerCertificate c = net.certify().layers().get(0);
        assertEquals("StridedConv2d", c.kind(), "kind");
        assertTrue(c.bound() >= sigma * (1 - 1e-12), "bound " + c.bound() + " ≥ σ_max " + sigma);
        assertEquals(sigma, c.value(), 1e-8 * sigma, "certified value vs exact σ_max");
    }

    @Test
    void geometryThatDoesNotHalveTheMap_isRefused() {
        assertThrows(InvalidConfigException.class, () -> new StridedConv2d("odd", new int[] {1, 8, 8}, 2, 3, 2, true, 0));
        assertThrows(InvalidConfigException.class, () -> new StridedConv2d("big", new int[] {1, 8, 8}, 2, 2, 4, true, 0));
        assertThrows(InvalidConfigException.class, () -> new StridedConv2d("map", new int[] {1, 7, 8}, 2, 4, 2, true, 0));
    }
}
