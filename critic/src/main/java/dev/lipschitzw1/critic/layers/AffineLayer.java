package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What every affine layer of a critic shares, whatever parameterises its matrix (plain, Björck-orthonormalised):
 * <pre>  y = W x + b,   x ∈ R^in,  W out × in held in the graph as {@code name/<weightVariable>},  b {@code name/b}  </pre>
 * the size checks, the accessors and the export of W and b as the {@link PlainDense} the certifier reads. A subclass
 * says how W is built from its raw parameter ({@link #apply}) and names that parameter.
 */
public abstract class AffineLayer implements LipschitzLayer {
    protected final String name;
    protected final int in;
    protected final int out;
    protected final boolean bias;
    protected final long seed;
    private final String kind;
    private final String rawParameter;
    private final String weightVariable;

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @param weightVariable the suffix of the graph variable holding the W the forward pass uses
     * @throws InvalidConfigException if a size is not positive
     */
    protected AffineLayer(String kind, String rawParameter, String weightVariable, String name, int in, int out,
                          boolean bias, long seed) {
        InvalidConfigException.require(in >= 1 && out >= 1, name + ".features", in + "→" + out, "positive sizes");
        this.kind = kind;
        this.rawParameter = rawParameter;
        this.weightVariable = weightVariable;
        this.name = name;
        this.in = in;
        this.out = out;
        this.bias = bias;
        this.seed = seed;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int[] inputShape() {
        return new int[] {in};
    }

    @Override
    public final int[] outputShape() {
        return new int[] {out};
    }

    @Override
    public final List<String> parameterNames() {
        return bias ? List.of(name + "/" + rawParameter, name + "/b") : List.of(name + "/" + rawParameter);
    }

    /**
     * y = x Wᵀ + b for x [N, in], W [out, in]. For out = 1 the product is written as Σ_i x_i·w_i (broadcast multiply
     * and sum): SameDiff 1.0.0-M2.1 differentiates an mmul with a 1×1 result wrongly (N = 1, out = 1: input
     * gradients off by 100 %+, measured against finite differences), which a one-sample gradient would hit.
     */
    protected final SDVariable affine(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        String yName = b == null ? name + "/out" : name + "/xw";
        SDVariable y = out == 1 ? sd.sum(yName, x.mul(w), true, 1)
                : sd.mmul(yName, x, w, false, true, false);
        return b == null ? y : sd.math().add(name + "/out", y, b);
    }

    /** W and b as the forward pass uses them, in double. */
    @Override
    public PlainDense export(SameDiff sd) {
        double[] w = ConvGraph.toDoubles(ConvGraph.value(sd, name + "/" + weightVariable));
        double[] b = bias ? ConvGraph.toDoubles(ConvGraph.value(sd, name + "/b")) : null;
        double[][] m = new double[out][in];
        for (int i = 0; i < out; i++) {
            System.arraycopy(w, i * in, m[i], 0, in);
        }
        return new PlainDense(name, kind, m, b);
    }
}
