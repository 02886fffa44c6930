package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BjorckLinearTest {

    @Test
    void bjorckLinear_gradientsMatchFiniteDifferences_tallAndWide() {
        int[][] shapes = {{6, 4}, {4, 6}, {16, 1}};
        for (int[] s : shapes) {
            BjorckLinear layer = new BjorckLinear("lin", s[0], s[1], true, BjorckConfig.TRAINING, 3);
            var results = GradientTesting.check(layer, 3, 21, 40);
            assertTrue(GradientTesting.worst(results) <= 1e-6, s[0] + "→" + s[1] + ": " + results);
        }
    }

    @Test
    void bjorckLinear_exportIsOrthonormalAndReproducesForward() {
        BjorckLinear layer = new BjorckLinear("lin", 12, 5, true, BjorckConfig.TRAINING, 4);
        LayerTesting.Built built = LayerTesting.build(layer, DataType.DOUBLE);
        PlainDense plain = layer.export();
        double[][] w = plain.weight();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double dot = 0;
                for (int k = 0; k < 12; k++) {
                    dot += w[i][k] * w[j][k];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-9, "W Wᵀ[" + i + "," + j + "]");
            }
        }
        INDArray x = LayerTesting.gaussian(5, DataType.DOUBLE, 4, 12);
        assertEquals(0.0, LayerTesting.maxDiffToExport(built, plain, x), 1e-12, "forward equals export");
    }
}
