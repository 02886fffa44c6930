package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PixelUnshuffleTest {

    @Test
    void pixelUnshuffle_equalsPyTorchOrder_handComputed_c2h4() {
        // x[c, h, w] = 100·c + 4·h + w; PyTorch: y[c·4 + i·2 + j, a, b] = x[c, 2a + i, 2b + j].
        double[] x = new double[32];
        for (int c = 0; c < 2; c++) {
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 4; w++) {
                    x[c * 16 + h * 4 + w] = 100 * c + 4 * h + w;
                }
            }
        }
        double[] want = {
            0, 2, 8, 10, /* c0 i0 j0 */ 1, 3, 9, 11, /* c0 i0 j1 */ 4, 6, 12, 14, /* c0 i1 j0 */ 5, 7, 13, 15,
            100, 102, 108, 110, 101, 103, 109, 111, 104, 106, 112, 114, 105, 107, 113, 115};
        PixelUnshuffle layer = new PixelUnshuffle("pu", new int[] {2, 4, 4}, 2);
        INDArray y = LayerTesting.build(layer, DataType.DOUBLE).run(Nd4j.createFromArray(x).reshape(1, 2, 4, 4));
        assertArrayEquals(new long[] {1, 8, 2, 2}, y.shape(), "output shape");
        assertArrayEquals(want, LayerTesting.sample(y, 0), 0.0, "graph output in PyTorch order");
        assertArrayEquals(want, layer.export().forward(x), 0.0, "export output in PyTorch order");
    }

    @Test
    void pixelUnshuffle_isExactPermutation_randomFloat32() {
        PixelUnshuffle layer = new PixelUnshuffle("pu", new int[] {3, 8, 6}, 2);
        INDArray x = LayerTesting.gaussian(7, DataType.FLOAT, 4, 3, 8, 6);
        INDArray y = LayerTesting.build(layer, DataType.FLOAT).run(x);
        for (int i = 0; i < 4; i++) {
            double[] xs = LayerTesting.sample(x, i);
            double[] ys = LayerTesting.sample(y, i);
            assertEquals(LayerTesting.norm(xs), LayerTesting.norm(ys), 1e-12, "norm preserved (summation order only)");
            Arrays.sort(xs);
            Arrays.sort(ys);
            assertArrayEquals(xs, ys, 0.0, "same multiset of values");
        }
        assertEquals(0.0, LayerTesting.maxDiffToExport(LayerTesting.build(layer, DataType.FLOAT),
                layer.export(), x), 0.0, "forward equals export");
    }

    @Test
    void pixelUnshuffle_factorNotDividingMap_throwsNamingKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new PixelUnshuffle("pu", new int[] {1, 5, 4}, 2));
        assertEquals("pu.factor", e.key());
    }
}
