package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An unconstrained affine layer (the gradient-penalty baseline's head), in → out:
 * <pre>  y = W x + b,   W out × in  </pre>
 * No Lipschitz guarantee: its certified bound is σ_max(W) computed from the export. Initialisation as PyTorch's
 * {@code Linear}: W and b uniform in ±1/√in. Parameters: {@code name/W} [out, in], {@code name/b} [out].
 */
public final class Dense implements LipschitzLayer {

    private final String name;
    private final int in;
    private final int out;
    private final boolean bias;
    private final long seed;

    /** @throws InvalidConfigException if a size is not positive */
    public Dense(String name, int in, int out, boolean bias, long seed) {
        InvalidConfigException.require(in >= 1 && out >= 1, name + ".features", in + "→" + out, "positive sizes");
        this.name = name;
        this.in = in;
        this.out = out;
        this.bias = bias;
        this.seed = seed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public int[] inputShape() {
        return new int[] {in};
    }

    @Override
    public int[] outputShape() {
        return new int[] {out};
    }

    @Override
    public List<String> parameterNames() {
        return bias ? List.of(name + "/W", name + "/b") : List.of(name + "/W");
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        SplittableRandom rng = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(in);
        SDVariable w = sd.var(name + "/W", ParameterInit.array(ParameterInit.uniform(in * out, bound, rng),
                x.dataType(), out, in));
        return affine(sd, name, x, w, bias ? sd.var(name + "/b", ParameterInit.array(
                ParameterInit.uniform(out, bound, rng), x.dataType(), out)) : null, out);
    }

    /**
     * y = x Wᵀ + b for x [N, in], W [out, in]. For out = 1 the product is written as Σ_i x_i·w_i (broadcast multiply
     * and sum): SameDiff 1.0.0-M2.1 differentiates an mmul with a 1×1 result wrongly (N = 1, out = 1: input
     * gradients off by 100 %+, measured against finite differences), which a one-sample gradient would hit.
     */
    static SDVariable affine(SameDiff sd, String name, SDVariable x, SDVariable w, SDVariable b, int out) {
        String yName = b == null ? name + "/out" : name + "/xw";
        SDVariable y = out == 1 ? sd.sum(yName, x.mul(w), true, 1)
                : sd.mmul(yName, x, w, false, true, false);
        return b == null ? y : sd.math().add(name + "/out", y, b);
    }

    /** Wᵀ u per sample (the bias drops): u [N, out] ↦ u W [N, in]; see {@link #affineAdjoint}. */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        return affineAdjoint(sd, upstream, sd.getVariable(name + "/W"), in, out);
    }

    /**
     * u W for u [N, out], W [out, in]: the input gradient of ⟨u, x Wᵀ + b⟩. Written without an mmul whenever a
     * product could have a 1×1 result (SameDiff 1.0.0-M2.1 differentiates those wrongly, see {@link #affine}):
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

    @Override
    public PlainDense export(SameDiff sd) {
        double[] w = ConvGraph.toDoubles(ConvGraph.value(sd, name + "/W"));
        double[] b = bias ? ConvGraph.toDoubles(ConvGraph.value(sd, name + "/b")) : null;
        return new PlainDense(name, kind(), reshape(w, out, in), b);
    }

    /** A row-major vector as a rows × cols matrix. */
    static double[][] reshape(double[] v, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, i * cols, m[i], 0, cols);
        }
        return m;
    }
}
