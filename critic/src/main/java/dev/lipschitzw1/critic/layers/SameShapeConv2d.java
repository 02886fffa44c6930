package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every stride-1, size-preserving convolution layer of a critic shares, whatever parameterises its kernel (plain,
 * BCOP, RKO, OSSN): the map {cin, H, W} → {cout, H, W},
 * <pre>  y = conv(pad(x), K) + b,   K = kernel(θ) [k, k, cin, cout] (YXIO),   b [cout] optional  </pre>
 * ({@link ConvOps}); the forward and backward passes with the kernel built once per step ({@link #prepare}); the
 * gradient-penalty hooks; the shape checks; and the export of K and b as the {@link PlainConv} the certifier reads. A
 * subclass says how K is built from its raw parameter and how ∂L/∂K flows back to it.
 */
public abstract class SameShapeConv2d implements LipschitzLayer {
    protected final String name;
    protected final int[] inputShape;
    protected final int cout;
    protected final int k;
    protected final Padding padding;
    protected final boolean bias;
    protected final long seed;
    private final String kind;
    private final String rawParameter;
    private Parameter raw;
    private Parameter biasParameter;
    private INDArray kernel;
    private INDArray padded;
    private INDArray kernelGrad;

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    protected SameShapeConv2d(String kind, String rawParameter, String name, int[] inputShape, int cout, int k,
                              Padding padding, boolean bias, long seed) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[0] >= 1
                && inputShape[1] >= 1 && inputShape[2] >= 1, name + ".inputShape",
                inputShape == null ? null : Arrays.toString(inputShape), "{cin, H, W} ≥ 1");
        InvalidConfigException.require(cout >= 1, name + ".outChannels", cout, "≥ 1");
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        this.kind = kind;
        this.rawParameter = rawParameter;
        this.name = name;
        this.inputShape = inputShape.clone();
        this.cout = cout;
        this.k = k;
        this.padding = padding;
        this.bias = bias;
        this.seed = seed;
    }

    /** The initial raw parameter (the bias is drawn after it from the same generator). */
    protected abstract INDArray initialRaw(DataType dataType, SplittableRandom rng);

    /** The bound of the uniform bias initialisation ±bound. */
    protected abstract double biasBound();

    /** K [k, k, cin, cout] from the raw parameter; with {@code training}, keeps what {@link #rawGradient} needs. */
    protected abstract INDArray buildKernel(INDArray raw, boolean training);

    /** ∂L/∂θ for ∂L/∂K, with the state kept by the last {@code buildKernel(…, true)}. */
    protected abstract INDArray rawGradient(INDArray kernelGradient);

    @Override
    public void initialise(DataType dataType) {
        SplittableRandom rng = new SplittableRandom(seed);
        raw = new Parameter(name + "/" + rawParameter, initialRaw(dataType, rng));
        biasParameter = bias ? new Parameter(name + "/b", ParameterInit.array(
                ParameterInit.uniform(cout, biasBound(), rng), dataType, cout)) : null;
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
        return inputShape.clone();
    }

    @Override
    public final int[] outputShape() {
        return new int[] {cout, inputShape[1], inputShape[2]};
    }

    @Override
    public List<Parameter> parameters() {
        return bias ? List.of(raw, biasParameter) : List.of(raw);
    }

    /** K uniform in ±{@link #pytorchBound()} (PyTorch's {@code Conv2d} initialisation), YXIO. */
    protected final INDArray pytorchUniformKernel(DataType dataType, SplittableRandom rng) {
        int cin = inputShape[0];
        return ParameterInit.array(ParameterInit.uniform(k * k * cin * cout, pytorchBound(), rng), dataType, k, k, cin,
                cout);
    }

    /** 1/√(cin·k²), the bound of PyTorch's {@code Conv2d} initialisation of kernel and bias. */
    protected final double pytorchBound() {
        return 1 / Math.sqrt((double) inputShape[0] * k * k);
    }

    /** The bias parameter, or null without a bias (for subclasses that apply the layer their own way). */
    protected final Parameter biasParameter() {
        return biasParameter;
    }

    /** The raw parameter (for subclasses' hooks). */
    protected final Parameter raw() {
        return raw;
    }

    @Override
    public void prepare(boolean training) {
        kernel = buildKernel(raw.value(), training);
        kernelGrad = null;
    }

    @Override
    public INDArray forward(INDArray x) {
        padded = ConvOps.padForKernel(x, k, padding);
        return ConvOps.valid(padded, kernel, bias ? biasParameter.value() : null, k);
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        if (!accumulate) {
            return ConvOps.convolveAdjoint(gradOut, kernel, k, padding);
        }
        INDArray[] g = ConvOps.backward(padded, kernel, bias ? biasParameter.value() : null, gradOut, k, padding);
        addKernelGradient(g[1]);
        if (bias) {
            biasParameter.accumulate(g[2]);
        }
        return g[0];
    }

    @Override
    public void finishBackward() {
        if (kernelGrad != null) {
            raw.accumulate(rawGradient(kernelGrad));
            kernelGrad = null;
        }
    }

    @Override
    public INDArray jvp(INDArray r) {
        return ConvOps.convolve(r, kernel, null, k, padding);
    }

    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
        addKernelGradient(ConvOps.weightGradient(r, kernel, u, k, padding));
    }

    private void addKernelGradient(INDArray g) {
        kernelGrad = kernelGrad == null ? g : Ops.add(kernelGrad, g, kernelGrad);
    }

    /** The kernel and bias the forward pass uses, in double, OIHW. */
    @Override
    public PlainConv export() {
        double[][][][] oihw = ConvOps.yxioToOihw(buildKernel(raw.value(), false));
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : null;
        return new PlainConv(name, kind, oihw, b, inputShape, padding);
    }
}
