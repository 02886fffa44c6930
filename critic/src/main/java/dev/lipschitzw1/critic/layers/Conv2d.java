package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An unconstrained stride-1 convolution (the gradient-penalty baseline), cin×H×W → cout×H×W:
 * <pre>  y[o, i, j] = bias[o] + Σ_{c,p,q} K[o, c, p, q] · x[c, i + p − b, j + q − b],   b = ⌊k/2⌋  </pre>
 * (see {@link ConvGraph}). No Lipschitz guarantee: its certified bound is the exact operator norm computed from the
 * export, whatever it is. Initialisation as PyTorch's {@code Conv2d}: K and bias uniform in ±1/√(cin·k²).
 * Parameters: {@code name/W} [k, k, cin, cout] (YXIO), {@code name/b} [cout].
 */
public final class Conv2d extends SameShapeConv2d {

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public Conv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, long seed) {
        super("Conv2d", "W", "W", name, inputShape, cout, k, padding, bias, seed);
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cin = inputShape[0];
        double bound = 1 / Math.sqrt((double) cin * k * k);
        SDVariable w = sd.var(name + "/W", ParameterInit.array(ParameterInit.uniform(k * k * cin * cout, bound, rng),
                x.dataType(), k, k, cin, cout));
        SDVariable b = bias ? sd.var(name + "/b", ParameterInit.array(ParameterInit.uniform(cout, bound, rng),
                x.dataType(), cout)) : null;
        return convolve(sd, x, w, b);
    }

    /** Kᵀ u: the transposed convolution with this layer's kernel, then the adjoint of its padding (the bias drops). */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        return ConvGraph.convolveAdjoint(sd, upstream, sd.getVariable(name + "/W"), inputShape[1], inputShape[2], k,
                padding);
    }
}
