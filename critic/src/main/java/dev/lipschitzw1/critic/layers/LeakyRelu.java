package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.critic.tensor.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Leaky ReLU (α = 0: ReLU), pointwise:
 * <pre>  y = x for x ≥ 0,   y = α·x for x &lt; 0,   α ∈ [0, 1]  </pre>
 * 1-Lipschitz (certified bound 1), but not gradient-norm preserving: it shrinks the gradient on negative inputs.
 * α is used in the layer's precision as given (the engine's own kernel).
 */
public final class LeakyRelu extends FixedLayer {

    /** @throws InvalidConfigException if α ∉ [0, 1] */
    public LeakyRelu(String name, int[] inputShape, double alpha) {
        super(new PlainFixed(name, PlainFixed.Op.LEAKY_RELU, checkShape(name, inputShape, 1, 3),
                new double[] {alpha}));
        InvalidConfigException.require(alpha >= 0 && alpha <= 1, name + ".alpha", alpha, "in [0, 1]");
    }

    private byte[] positive = new byte[0];

    /** y = x where x &gt; 0 and α·x elsewhere, the sign recorded for the backward pass ({@link Kernels#leakyRelu}). */
    @Override
    public INDArray forward(INDArray x) {
        if (positive.length < x.length()) {
            positive = new byte[(int) x.length()];
        }
        return Kernels.leakyRelu(x, plain().arguments()[0], positive);
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        return Kernels.leakyReluScale(gradOut, plain().arguments()[0], positive);
    }

    /** m ⊙ r: the mask is piecewise constant in x, so the Jacobian is the mask itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return Kernels.leakyReluScale(r, plain().arguments()[0], positive);
    }
}
