package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.orthogonal.Bjorck;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A dense layer whose matrix is the Björck orthonormalisation of an unconstrained parameter V (Anil et al. 2019;
 * LConvNet's {@code BjorckLinear}):
 * <pre>  W = Björck(V)  (out × in, orthonormal rows if out ≤ in, columns otherwise),   y = W x + b  </pre>
 * For a single row or column (out = 1, e.g. the critic's head, or in = 1) the polar factor is V/‖V‖, which is what
 * Björck converges to from the power-iteration pre-scale in one step; it is computed in that closed form because
 * SameDiff 1.0.0-M2.1 differentiates Björck wrongly when WᵀW is 1×1 (90 % gradient error, measured in
 * BjorckLinearTest's finite-difference check). At convergence every singular value of W is 1, so the layer is 1-Lipschitz and, for out ≤ in, gradient-norm
 * preserving (‖Wᵀg‖ = ‖g‖). The certified bound is σ_max of the exported W (the matrix actually used, after the
 * configured iterations), computed exactly. Initialisation as LConvNet: V orthogonal with gain 1/√in, b uniform in
 * ±1/√in. Parameters: {@code name/V} [out, in], {@code name/b} [out]; the used matrix is {@code name/weight}.
 */
public final class BjorckLinear extends AffineLayer {

    private final BjorckConfig bjorck;

    /** @throws InvalidConfigException if a size is not positive */
    public BjorckLinear(String name, int in, int out, boolean bias, BjorckConfig bjorck, long seed) {
        super("BjorckLinear", "V", "weight", name, in, out, bias, seed);
        this.bjorck = bjorck;
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SameDiffSessions.install();
        SplittableRandom rng = new SplittableRandom(seed);
        double gain = 1 / Math.sqrt(in);
        SDVariable v = sd.var(name + "/V", ParameterInit.array(
                ParameterInit.flatten(ParameterInit.orthogonal(out, in, gain, rng)), x.dataType(), out, in));
        SDVariable b = bias ? sd.var(name + "/b", ParameterInit.array(ParameterInit.uniform(out, gain, rng),
                x.dataType(), out)) : null;
        SDVariable w = sd.identity(name + "/weight", out == 1 || in == 1
                ? v.mul(sd.math().rsqrt(sd.sum(v.mul(v))))
                : Bjorck.orthonormalise(sd, v, bjorck));
        return affine(sd, x, w, b);
    }
}
