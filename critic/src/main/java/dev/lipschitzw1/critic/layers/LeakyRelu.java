package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Leaky ReLU (α = 0: ReLU), pointwise:
 * <pre>  y = x for x ≥ 0,   y = α·x for x &lt; 0,   α ∈ [0, 1]  </pre>
 * 1-Lipschitz (certified bound 1), but not gradient-norm preserving: it shrinks the gradient on negative inputs.
 * ND4J keeps α as a float even in a float64 graph (0.2 becomes 0.2000000029…): gradient tests in double use α = 0.25.
 */
public final class LeakyRelu extends FixedLayer {

    /** @throws InvalidConfigException if α ∉ [0, 1] */
    public LeakyRelu(String name, int[] inputShape, double alpha) {
        super(new PlainFixed(name, PlainFixed.Op.LEAKY_RELU, checkShape(name, inputShape, 1, 3),
                new double[] {alpha}));
        InvalidConfigException.require(alpha >= 0 && alpha <= 1, name + ".alpha", alpha, "in [0, 1]");
    }

    private INDArray slope;

    /** y = m ⊙ x with the derivative mask m = 1 where x &gt; 0 and α elsewhere (kept for the backward pass). */
    @Override
    public INDArray forward(INDArray x) {
        double alpha = plain().arguments()[0];
        slope = x.gt(0.0).castTo(x.dataType()).muli(1 - alpha).addi(alpha);
        return Ops.mul(x, slope);
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        return Ops.mul(gradOut, slope);
    }

    /** m ⊙ r: the mask is piecewise constant in x, so the Jacobian is the mask itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return Ops.mul(r, slope);
    }
}
