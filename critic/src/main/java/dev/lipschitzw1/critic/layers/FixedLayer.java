package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared shape bookkeeping of the parameter-free layers: each is described by one {@link PlainFixed} record, has no
 * parameters (its {@link #accumulateBilinear} adds nothing) and implements its forward, backward and, where the
 * gradient-penalty critic uses it, Jacobian–vector product.
 */
abstract class FixedLayer implements LipschitzLayer {

    private final PlainFixed plain;

    FixedLayer(PlainFixed plain) {
        this.plain = plain;
    }

    static int[] checkShape(String name, int[] shape, int rankMin, int rankMax) {
        InvalidConfigException.require(shape != null && shape.length >= rankMin && shape.length <= rankMax,
                name + ".inputShape", shape == null ? null : Arrays.toString(shape),
                "rank " + rankMin + (rankMax > rankMin ? " to " + rankMax : "") + " per sample");
        for (int d : shape) {
            InvalidConfigException.require(d >= 1, name + ".inputShape", Arrays.toString(shape), "positive sizes");
        }
        return shape.clone();
    }

    @Override
    public String name() {
        return plain.name();
    }

    @Override
    public String kind() {
        return plain.kind();
    }

    @Override
    public int[] inputShape() {
        return plain.inputShape();
    }

    @Override
    public int[] outputShape() {
        return plain.outputShape();
    }

    @Override
    public PlainFixed export() {
        return plain;
    }

    /** No parameters: nothing to add. */
    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
    }

    /** The record describing this layer. */
    PlainFixed plain() {
        return plain;
    }
}
