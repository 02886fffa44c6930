package dev.lipschitzw1.critic.layers;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test helpers: run one layer eagerly, compare with its export evaluated in double. */
public final class LayerTesting {

    private LayerTesting() {
    }

    /** A layer initialised in {@code dtype}, ready to run. */
    public record Built(LipschitzLayer layer) {
        /** The layer's output on x (weights built for evaluation). */
        public INDArray run(INDArray x) {
            layer.prepare(false);
            return layer.forward(x);
        }
    }

    public static Built build(LipschitzLayer layer, DataType dtype) {
        layer.initialise(dtype);
        return new Built(layer);
    }

    /** n samples of the given per-sample shape, standard normal, seeded. */
    public static INDArray gaussian(long seed, DataType dtype, int n, int... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        int size = PlainLayer.size(shape);
        double[] v = new double[n * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        long[] full = new long[shape.length + 1];
        full[0] = n;
        for (int i = 0; i < shape.length; i++) {
            full[i + 1] = shape[i];
        }
        return Nd4j.createFromArray(v).reshape(full).castTo(dtype).dup();
    }

    /** Sample i of a batch as a flat double vector. */
    public static double[] sample(INDArray batch, int i) {
        return batch.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Largest |a − b| over the batch between the graph's output and the export's double forward pass. */
    public static double maxDiffToExport(Built built, PlainLayer plain, INDArray x) {
        INDArray y = built.run(x);
        double worst = 0;
        for (int i = 0; i < x.size(0); i++) {
            double[] want = plain.forward(sample(x, i));
            double[] got = sample(y, i);
            if (want.length != got.length) {
                throw new AssertionError("length " + got.length + " vs export " + want.length);
            }
            for (int j = 0; j < want.length; j++) {
                worst = Math.max(worst, Math.abs(want[j] - got[j]));
            }
        }
        return worst;
    }

    public static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
