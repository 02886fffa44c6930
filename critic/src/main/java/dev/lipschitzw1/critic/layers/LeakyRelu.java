package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

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

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        double alpha = plain().arguments()[0];
        return alpha == 0 ? sd.nn().relu(name() + "/out", x, 0.0) : sd.nn().leakyRelu(name() + "/out", x, alpha);
    }

    /**
     * u ⊙ m with the derivative mask m = 1 where x &gt; 0 and α elsewhere, behind a stop-gradient (its own derivative
     * is 0 almost everywhere). α is rounded to float as ND4J's op stores it, so the mask is the derivative of the
     * forward pass actually computed, also in float64 graphs.
     */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        double alpha = (float) plain().arguments()[0];
        SDVariable positive = sd.gt(x, 0.0).castTo(x.dataType());
        SDVariable mask = positive.mul(1 - alpha).add(alpha);
        return upstream.mul(new StopGradient(sd, mask).outputVariable());
    }
}
