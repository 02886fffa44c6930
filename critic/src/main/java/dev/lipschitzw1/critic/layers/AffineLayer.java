package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every affine layer of a critic shares, whatever parameterises its matrix (plain, Björck-orthonormalised):
 * <pre>  y = x Wᵀ + b,   x [N, in],  W = weight(θ) [out, in],  b [out];
 *   backward:  ∂L/∂x = G W,   ∂L/∂W = Gᵀ x,   ∂L/∂b = Σₙ Gₙ  </pre>
 * with W built once per step ({@link #prepare}); the size checks, the accessors and the export of W and b as the
 * {@link PlainDense} the certifier reads. A subclass says how W is built from its raw parameter and how ∂L/∂W flows
 * back to it.
 */
public abstract class AffineLayer implements LipschitzLayer {
    protected final String name;
    protected final int in;
    protected final int out;
    protected final boolean bias;
    protected final long seed;
    private final String kind;
    private final String rawParameter;
    private Parameter raw;
    private Parameter biasParameter;
    private INDArray weight;
    private INDArray input;
    private INDArray weightGrad;

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @throws InvalidConfigException if a size is not positive
     */
    protected AffineLayer(String kind, String rawParameter, String name, int in, int out, boolean bias, long seed) {
        InvalidConfigException.require(in >= 1 && out >= 1, name + ".features", in + "→" + out, "positive sizes");
        this.kind = kind;
        this.rawParameter = rawParameter;
        this.name = name;
        this.in = in;
        this.out = out;
        this.bias = bias;
        this.seed = seed;
    }

    /** The initial raw parameter [out, in] (the bias is drawn after it from the same generator). */
    protected abstract INDArray initialRaw(DataType dataType, SplittableRandom rng);

    /** The bound of the uniform bias initialisation ±bound. */
    protected abstract double biasBound();

    /** W [out, in] from the raw parameter; with {@code training}, keeps what {@link #rawGradient} needs. */
    protected abstract INDArray buildWeight(INDArray raw, boolean training);

    /** ∂L/∂θ for ∂L/∂W, with the state kept by the last {@code buildWeight(…, true)}. */
    protected abstract INDArray rawGradient(INDArray weightGradient);

    @Override
    public void initialise(DataType dataType) {
        SplittableRandom rng = new SplittableRandom(seed);
        raw = new Parameter(name + "/" + rawParameter, initialRaw(dataType, rng));
        biasParameter = bias ? new Parameter(name + "/b", ParameterInit.array(
                ParameterInit.uniform(out, biasBound(), rng), dataType, out)) : null;
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
    public final List<Parameter> parameters() {
        return bias ? List.of(raw, biasParameter) : List.of(raw);
    }

    @Override
    public void prepare(boolean training) {
        weight = buildWeight(raw.value(), training);
        weightGrad = null;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray y = Ops.matmul(x, weight, false, true, 1.0);
        return bias ? Ops.add(y, biasParameter.value(), y) : y;
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        if (accumulate) {
            addWeightGradient(Ops.matmul(gradOut, input, true, false, 1.0));
            if (bias) {
                biasParameter.accumulate(gradOut.sum(0));
            }
        }
        return Ops.matmul(gradOut, weight, false, false, 1.0);
    }

    @Override
    public void finishBackward() {
        if (weightGrad != null) {
            raw.accumulate(rawGradient(weightGrad));
            weightGrad = null;
        }
    }

    @Override
    public INDArray jvp(INDArray r) {
        return Ops.matmul(r, weight, false, true, 1.0);
    }

    /** ∂⟨r Wᵀ, u⟩/∂W = uᵀ r. */
    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
        addWeightGradient(Ops.matmul(u, r, true, false, 1.0));
    }

    private void addWeightGradient(INDArray g) {
        weightGrad = weightGrad == null ? g : Ops.add(weightGrad, g, weightGrad);
    }

    /** W and b as the forward pass uses them, in double. */
    @Override
    public PlainDense export() {
        double[] w = ConvOps.toDoubles(buildWeight(raw.value(), false));
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : null;
        double[][] m = new double[out][in];
        for (int i = 0; i < out; i++) {
            System.arraycopy(w, i * in, m[i], 0, in);
        }
        return new PlainDense(name, kind, m, b);
    }
}
