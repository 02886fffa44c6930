package dev.lipschitzw1.critic.layers.conv.rko;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RkoConv2dTest {

    @Test
    void rkoConv_exportReproducesForward_reshapedKernelOrthonormalTimesK_certifiedAtMostOne() {
        for (int k : new int[] {2, 3}) {
            RkoConv2d l = new RkoConv2d("rko", new int[] {3, 5, 5}, 4, k, Padding.CIRCULAR, true,
                    BjorckConfig.TRAINING.withIterations(40), 3);
            LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
            PlainConv plain = l.export();
            INDArray x = LayerTesting.gaussian(4, DataType.DOUBLE, 2, 3, 5, 5);
            assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, "forward equals export, k=" + k);
            double[][][][] kk = plain.kernel();
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    double dot = 0;
                    for (int c = 0; c < 3; c++) {
                        for (int p = 0; p < k; p++) {
                            for (int q = 0; q < k; q++) {
                                dot += kk[a][c][p][q] * kk[b][c][p][q] * k * k;
                            }
                        }
                    }
                    assertEquals(a == b ? 1 : 0, dot, 1e-9, "k·reshape(K) has orthonormal rows, k=" + k);
                }
            }
            double bound = FftConvCertifier.certify("rko", plain.kernel(), 5, 5, Padding.CIRCULAR).bound();
            assertTrue(bound <= 1 + 1e-9, "certified " + bound + " ≤ 1, k=" + k);
        }
    }

    @Test
    void rkoConv_gradientsMatchFiniteDifferences() {
        RkoConv2d l = new RkoConv2d("rko", new int[] {2, 3, 3}, 3, 2, Padding.CIRCULAR, true, BjorckConfig.TRAINING, 4);
        var r = GradientTesting.check(l, 2, 43, 40);
        assertTrue(GradientTesting.worst(r) <= 1e-6, "RKO: " + r);
    }
}
