package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MaxMin and GroupSort: pairing order, 1-Lipschitz, norm preserving, forward equals export. */
class GroupSortTest {

    @Test
    void maxMin_pairsChannelWithChannelPlusHalf_handComputed() {
        // C = 4 on [N, C]: pairs (0, 2) and (1, 3) → (max, max, min, min) as LConvNet's GroupSort(2, axis=1, new_impl).
        MaxMin layer = new MaxMin("mm", new int[] {4});
        INDArray y = LayerTesting.build(layer, DataType.DOUBLE).run(Nd4j.createFromArray(new double[][] {{1, 5, 3, 2}}));
        assertArrayEquals(new double[] {3, 5, 1, 2}, LayerTesting.sample(y, 0), 0.0, "MaxMin output");
    }

    @Test
    void groupSort_sortsStridedGroupsAscending_handComputed_g3() {
        // C = 6, g = 3: groups {0, 2, 4} and {1, 3, 5}, sorted ascending (LNets group_sort).
        GroupSort layer = new GroupSort("gs", new int[] {6}, 3);
        INDArray y = LayerTesting.build(layer, DataType.DOUBLE)
                .run(Nd4j.createFromArray(new double[][] {{9, -1, 4, 7, 0, 3}}));
        assertArrayEquals(new double[] {0, -1, 4, 3, 9, 7}, LayerTesting.sample(y, 0), 0.0, "GroupSort output");
    }

    @Test
    void maxMinAndGroupSort_areOneLipschitzAndNormPreserving_random() {
        LipschitzLayer[] layers = {new MaxMin("mm", new int[] {6, 5, 4}), new GroupSort("gs2", new int[] {6, 5, 4}, 2),
            new GroupSort("gs3", new int[] {6, 5, 4}, 3), new GroupSort("gs6", new int[] {6, 5, 4}, 6)};
        for (LipschitzLayer layer : layers) {
            LayerTesting.Built built = LayerTesting.build(layer, DataType.DOUBLE);
            INDArray x = LayerTesting.gaussian(1, DataType.DOUBLE, 8, 6, 5, 4);
            INDArray z = LayerTesting.gaussian(2, DataType.DOUBLE, 8, 6, 5, 4);
            INDArray fx = built.run(x);
            INDArray fz = built.run(z);
            for (int i = 0; i < 8; i++) {
                double[] a = LayerTesting.sample(fx, i);
                double[] b = LayerTesting.sample(fz, i);
                double[] xa = LayerTesting.sample(x, i);
                double[] zb = LayerTesting.sample(z, i);
                assertEquals(LayerTesting.norm(xa), LayerTesting.norm(a), 1e-12, layer.name() + ": ‖f(x)‖ = ‖x‖");
                double out = LayerTesting.norm(minus(a, b));
                double in = LayerTesting.norm(minus(xa, zb));
                assertTrue(out <= in * (1 + 1e-12), layer.name() + ": ‖f(x) − f(z)‖ = " + out + " > ‖x − z‖ = " + in);
            }
            assertEquals(0.0, LayerTesting.maxDiffToExport(built, layer.export(), x), 0.0,
                    layer.name() + ": forward equals export");
        }
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
