package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.RealDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images on a line through pixel space: x(t) = origin + t·u with ‖u‖₂ = 1 and t ~ F, a one-dimensional law with
 * bounded support. t is drawn by inverse CDF from one uniform draw of the caller's generator, so sampling is
 * deterministic for a seed.
 */
public final class LineDistribution implements ImageDistribution {
    private final String name;
    private final ImageShape shape;
    private final float[] origin;
    private final float[] direction;
    private final RealDistribution law;

    LineDistribution(String name, ImageShape shape, float[] origin, float[] direction, RealDistribution law) {
        this.name = name;
        this.shape = shape;
        this.origin = origin;
        this.direction = direction;
        this.law = law;
        InvalidConfigException.require(Double.isFinite(law.getSupportLowerBound())
                && Double.isFinite(law.getSupportUpperBound()), "line.law.support",
                "[" + law.getSupportLowerBound() + ", " + law.getSupportUpperBound() + "]", "a bounded support");
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray sample(int n, SplittableRandom rng) {
        InvalidConfigException.require(n >= 0, "sample.n", n, "≥ 0");
        int d = shape.values();
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            double t = law.inverseCumulativeProbability(rng.nextDouble());
            for (int j = 0; j < d; j++) {
                out[i * d + j] = Math.min(1f, Math.max(0f, (float) (origin[j] + t * direction[j])));
            }
        }
        return Nd4j.create(out, shape.batchShape(n), 'c').castTo(DataType.FLOAT);
    }

    RealDistribution law() {
        return law;
    }
}
