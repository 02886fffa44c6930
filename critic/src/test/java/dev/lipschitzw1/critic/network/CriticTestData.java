package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test inputs and the double-precision reference forward pass of a materialised critic. */
final class CriticTestData {

    private CriticTestData() {
    }

    /** n images of the shape with pixels uniform in [0, 1) shifted by {@code offset}, seeded. */
    static INDArray images(long seed, ImageShape shape, int n, double offset) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * shape.values()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() + offset;
        }
        return Nd4j.createFromArray(v).reshape(n, shape.channels(), shape.height(), shape.width())
                .castTo(DataType.FLOAT).dup();
    }

    /** f(x) of one sample through the exported layers, in double. */
    static double plainForward(List<PlainLayer> layers, double[] x) {
        double[] h = x;
        for (PlainLayer l : layers) {
            h = l.forward(h);
        }
        return h[0];
    }

    static double[] sample(INDArray batch, int i) {
        return batch.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
