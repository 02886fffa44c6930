package dev.lipschitzw1.critic.layers.conv.bcop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.GradientTesting;
import dev.lipschitzw1.critic.layers.LayerTesting;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BcopConv2dTest {

    private static BcopConv2d layer(int cin, int cout, int k, Padding p, int map, BjorckConfig cfg) {
        return new BcopConv2d("bcop", new int[] {cin, map, map}, cout, k, p, false, cfg, 17);
    }

    @Test
    void bcopConv_preservesNorm_squareCircular_k1to4_float32AndFloat64() {
        for (int k = 1; k <= 4; k++) {
            for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                BcopConv2d l = layer(6, 6, k, Padding.CIRCULAR, 5, BjorckConfig.TRAINING.withIterations(30));
                INDArray x = LayerTesting.gaussian(k, dt, 3, 6, 5, 5);
                INDArray y = LayerTesting.build(l, dt).run(x);
                double tol = dt == DataType.DOUBLE ? 1e-10 : 1e-5;
                for (int i = 0; i < 3; i++) {
                    double nx = LayerTesting.norm(LayerTesting.sample(x, i));
                    double ny = LayerTesting.norm(LayerTesting.sample(y, i));
                    assertEquals(1.0, ny / nx, tol, "‖conv(x)‖/‖x‖, k=" + k + " " + dt);
                }
            }
        }
    }

    @Test
    void bcopConv_exportReproducesGraph_andCertifiesAtMostOne_anyChannels_evenAndOddK() {
        int[][] cases = {{4, 4, 2}, {3, 8, 3}, {8, 4, 2}, {5, 5, 3}};
        for (int[] c : cases) {
            for (Padding p : Padding.values()) {
                BcopConv2d l = layer(c[0], c[1], c[2], p, 6, BjorckConfig.TRAINING);
                LayerTesting.Built built = LayerTesting.build(l, DataType.DOUBLE);
                PlainConv plain = l.export();
                INDArray x = LayerTesting.gaussian(2, DataType.DOUBLE, 2, c[0], 6, 6);
                String what = c[0] + "→" + c[1] + " k=" + c[2] + " " + p;
                assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, what + ": forward equals export");
                LayerCertificate cert = FftConvCertifier.certify("bcop", plain.kernel(), 6, 6, p);
                assertTrue(cert.bound() <= 1 + 1e-5, what + ": certified " + cert.bound());
                if (p == Padding.CIRCULAR) {
                    assertEquals(1.0, cert.value(), 1e-5, what + ": exact circular norm");
                }
            }
        }
    }

    @Test
    void bcopConv_inputGradientNormPreserved_squareCircular() {
        BcopConv2d l = layer(4, 4, 3, Padding.CIRCULAR, 4, BjorckConfig.TRAINING.withIterations(30));
        l.initialise(DataType.DOUBLE);
        INDArray x = LayerTesting.gaussian(8, DataType.DOUBLE, 1, 4, 4, 4);
        INDArray g = LayerTesting.gaussian(9, DataType.DOUBLE, 1, 4, 4, 4);
        l.prepare(false);
        l.forward(x);
        INDArray gx = l.backward(g, false);
        assertEquals(1.0, gx.norm2Number().doubleValue() / g.norm2Number().doubleValue(), 1e-10,
                "‖Aᵀg‖ = ‖g‖ for the orthogonal conv");
    }

    @Test
    void bcopConv_gradientsMatchFiniteDifferences_evenOddK_unequalChannels() {
        int[][] cases = {{2, 2, 2}, {3, 2, 3}, {2, 4, 2}};
        for (int[] c : cases) {
            BcopConv2d l = new BcopConv2d("bcop", new int[] {c[0], 3, 3}, c[1], c[2], Padding.CIRCULAR, true,
                    BjorckConfig.TRAINING, 5);
            var r = GradientTesting.check(l, 2, 41, 20);
            assertTrue(GradientTesting.worst(r) <= 1e-6, c[0] + "→" + c[1] + " k=" + c[2] + ": " + r);
        }
    }
}
