package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipschitzw1.critic.certify.Padding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The eager padded convolution against the export's direct double summation, and the export's adjoint. */
class ConvOpsTest {

    @Test
    void conv2d_eagerEqualsDirectDoubleSum_circularAndZero_k1to5() {
        int[][] cases = {{3, 5, 1, 5, 4}, {2, 4, 2, 4, 4}, {4, 2, 3, 5, 3}, {3, 3, 4, 4, 6}, {2, 3, 5, 3, 2}};
        for (int[] c : cases) {
            for (Padding padding : Padding.values()) {
                Conv2d layer = new Conv2d("conv", new int[] {c[0], c[3], c[4]}, c[1], c[2], padding, true, 11);
                LayerTesting.Built built = LayerTesting.build(layer, DataType.DOUBLE);
                INDArray x = LayerTesting.gaussian(3, DataType.DOUBLE, 3, c[0], c[3], c[4]);
                double diff = LayerTesting.maxDiffToExport(built, layer.export(), x);
                assertEquals(0.0, diff, 1e-12, "cin " + c[0] + " cout " + c[1] + " k " + c[2] + " map " + c[3] + "×"
                        + c[4] + " " + padding);
            }
        }
    }

    @Test
    void plainConv_transposeIsAdjoint_circularAndZero() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Padding padding : Padding.values()) {
            double[][][][] k = new double[3][2][3][3];
            for (double[][][] a : k) {
                for (double[][] b : a) {
                    for (double[] r : b) {
                        for (int i = 0; i < r.length; i++) {
                            r[i] = rng.nextGaussian();
                        }
                    }
                }
            }
            PlainConv conv = new PlainConv("c", "Conv2d", k, null, new int[] {2, 4, 5}, padding);
            double[] x = ParameterInit.uniform(40, 1, rng);
            double[] y = ParameterInit.uniform(60, 1, rng);
            assertEquals(dot(conv.applyLinear(x), y), dot(x, conv.applyTranspose(y)), 1e-12,
                    "⟨Ax, y⟩ = ⟨x, Aᵀy⟩ with " + padding);
        }
    }

    @Test
    void circularPad_wrapsSeveralTimes_matchesIndexFormula() {
        // 1×1×2×3 map padded by (5, 4) rows and (3, 7) columns: y[i, j] = x[(i − 5) mod 2, (j − 3) mod 3].
        INDArray xv = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[] {1, 2, 3, 4, 5, 6}).reshape(1, 1, 2, 3);
        INDArray out = ConvOps.circularPad(xv, 5, 4, 3, 7);
        assertEquals(11, out.size(2), "rows");
        assertEquals(13, out.size(3), "columns");
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 13; j++) {
                assertEquals(xv.getDouble(0, 0, Math.floorMod(i - 5, 2), Math.floorMod(j - 3, 3)),
                        out.getDouble(0, 0, i, j), 0.0, "y[" + i + ", " + j + "]");
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
