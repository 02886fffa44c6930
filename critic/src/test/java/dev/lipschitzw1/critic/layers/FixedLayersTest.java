package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Padding, flatten, (leaky) ReLU and upsampling: forward equals export; closed-form norms. */
class FixedLayersTest {

    @Test
    void zeroPad_28to32_isIsometryAndEqualsExport() {
        ZeroPad layer = ZeroPad.centreTo("pad", new int[] {1, 28, 28}, 32);
        assertArrayEquals(new int[] {1, 32, 32}, layer.outputShape(), "output shape");
        LayerTesting.Built built = LayerTesting.build(layer, DataType.FLOAT);
        INDArray x = LayerTesting.gaussian(4, DataType.FLOAT, 3, 1, 28, 28);
        INDArray y = built.run(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(LayerTesting.norm(LayerTesting.sample(x, i)), LayerTesting.norm(LayerTesting.sample(y, i)),
                    1e-12, "‖pad(x)‖ = ‖x‖");
        }
        assertEquals(x.getDouble(0, 0, 0, 0), y.getDouble(0, 0, 2, 2), 0.0, "x[0, 0] lands at (2, 2)");
        assertEquals(0.0, LayerTesting.maxDiffToExport(built, layer.export(), x), 0.0, "forward equals export");
    }

    @Test
    void flattenReluLeakyUpsample_graphEqualsExport() {
        int[] s = {2, 3, 4};
        LipschitzLayer[] layers = {new Flatten("flat", s), new LeakyRelu("relu", s, 0.0),
            new LeakyRelu("leaky", s, 0.25), new NearestUpsample("up", s, 2)};
        INDArray x = LayerTesting.gaussian(9, DataType.DOUBLE, 2, 2, 3, 4);
        for (LipschitzLayer layer : layers) {
            assertEquals(0.0, LayerTesting.maxDiffToExport(LayerTesting.build(layer, DataType.DOUBLE),
                    layer.export(), x), 0.0, layer.name() + ": forward equals export");
        }
        double[] v = LayerTesting.sample(x, 0);
        assertEquals(2 * LayerTesting.norm(v), LayerTesting.norm(layers[3].export().forward(v)), 1e-12,
                "nearest upsampling by 2 doubles the norm");
        assertEquals(2.0, ((PlainFixed) layers[3].export()).lipschitzBound(), 0.0, "upsampling bound");
        assertEquals("ReLU", layers[1].kind(), "α = 0 is reported as ReLU");
    }
}
