package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An unconstrained affine layer (the gradient-penalty baseline's head), in → out:
 * <pre>  y = W x + b,   W out × in  </pre>
 * No Lipschitz guarantee: its certified bound is σ_max(W) computed from the export. Initialisation as PyTorch's
 * {@code Linear}: W and b uniform in ±1/√in. Parameters: {@code name/W} [out, in], {@code name/b} [out].
 */
public final class Dense extends AffineLayer {

    /** @throws InvalidConfigException if a size is not positive */
    public Dense(String name, int in, int out, boolean bias, long seed) {
        super("Dense", "W", "W", name, in, out, bias, seed);
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SplittableRandom rng = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(in);
        SDVariable w = sd.var(name + "/W", ParameterInit.array(ParameterInit.uniform(in * out, bound, rng),
                x.dataType(), out, in));
        return affine(sd, x, w, bias ? sd.var(name + "/b", ParameterInit.array(
                ParameterInit.uniform(out, bound, rng), x.dataType(), out)) : null);
    }

    /** Wᵀ u per sample (the bias drops): u [N, out] ↦ u W [N, in]; see {@link #affineAdjoint}. */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        return affineAdjoint(sd, upstream, sd.getVariable(name + "/W"), in, out);
    }

    /**
     * u W for u [N, out], W [out, in]: the input gradient of ⟨u, x Wᵀ + b⟩. Written without an mmul whenever a
     * product could have a 1×1 result (SameDiff 1.0.0-M2.1 differentiates those wrongly, see {@link AffineLayer#affine}):
     * out = 1 is a broadcast product u ⊙ W (u [N, 1], W [1, in]), in = 1 a multiply and a sum over out.
     */
    static SDVariable affineAdjoint(SameDiff sd, SDVariable upstream, SDVariable w, int in, int out) {
        if (out == 1) {
            return upstream.mul(w);
        }
        if (in == 1) {
            return sd.sum(upstream.mul(w.reshape(1, out)), true, 1);
        }
        return sd.mmul(upstream, w);
    }
}
