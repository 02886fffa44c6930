package dev.lipschitzw1.critic.layers.conv.rko;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvGraph;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.SameDiffSessions;
import dev.lipschitzw1.critic.orthogonal.Bjorck;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Reshaped kernel orthogonalisation (RKO; LConvNet's {@code RKO}): an unconstrained matrix V of shape
 * cout × (cin·k·k) is orthonormalised by Björck, reshaped to the OIHW kernel and scaled by 1/k:
 * <pre>  K[o, c, p, q] = Björck(V)[o, (c·k + p)·k + q] / k  </pre>
 * Certified: for any padding, ‖conv_K‖ ≤ √(k²)·‖reshape(K)‖₂ = k·(1/k)·σ_max(Björck(V)) = σ_max(Björck(V)) ≈ 1
 * (each output pixel sees k² shifted copies of the input). The bound is usually loose: the layer attenuates gradients
 * (‖∇‖ &lt; 1), which is why RKO critics lag BCOP. The certifier computes the exact norm of the exported kernel.
 * Parameters: {@code name/V} [cout, cin·k²] (orthogonal init, gain 1/√(cin·k²), as LConvNet's BjorckLinear),
 * {@code name/b} [cout] (uniform ±1/√(cin·k²)); the used kernel is {@code name/kernel} [k, k, cin, cout].
 */
public final class RkoConv2d extends SameShapeConv2d {

    private final BjorckConfig bjorck;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public RkoConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias,
                     BjorckConfig bjorck, long seed) {
        super("RKO", "V", "kernel", name, inputShape, cout, k, padding, bias, seed);
        this.bjorck = bjorck;
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SameDiffSessions.install();
        SplittableRandom rng = new SplittableRandom(seed);
        int cin = inputShape[0];
        int fanIn = cin * k * k;
        double gain = 1 / Math.sqrt(fanIn);
        SDVariable v = sd.var(name + "/V", ParameterInit.array(
                ParameterInit.flatten(ParameterInit.orthogonal(cout, fanIn, gain, rng)), x.dataType(), cout, fanIn));
        SDVariable b = bias ? sd.var(name + "/b", ParameterInit.array(ParameterInit.uniform(cout, gain, rng),
                x.dataType(), cout)) : null;
        SDVariable q = Bjorck.orthonormalise(sd, v, bjorck);
        SDVariable oihw = q.reshape(cout, cin, k, k).mul(1.0 / k);
        SDVariable kernel = sd.permute(name + "/kernel", oihw, 2, 3, 1, 0);
        return convolve(sd, x, kernel, b);
    }
}
