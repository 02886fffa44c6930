package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters, shapes and export of a stride-1, size-preserving convolution layer, however it applies itself: the
 * map {cin, H, W} → {cout, H, W},
 * <pre>  y = conv(pad(x), K) + b,   K = kernel(θ) [k, k, cin, cout] (YXIO),   b [cout] optional  </pre>
 * with a raw parameter θ ({@code name/rawParameter}) and an optional bias drawn from one seeded generator, the shape
 * checks, and the export of K and b as the {@link PlainConv} the certifier reads. {@link SameShapeConv2d} applies K by
 * convolution; a layer that applies the same map another way (per DFT frequency) extends this class directly, so that
 * what is certified is still the kernel {@link #buildKernel} materialises.
 */
public abstract class SameShapeConvParameters implements LipschitzLayer {
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

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    protected SameShapeConvParameters(String kind, String rawParameter, String name, int[] inputShape, int cout, int k,
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

    /**
     * K [k, k, cin, cout] from the raw parameter; with {@code training}, keeps what the subclass's backward pass needs
     * ({@link #export()} calls it with {@code false}).
     */
    protected abstract INDArray buildKernel(INDArray raw, boolean training);

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

    /** The kernel and bias the forward pass uses, in double, OIHW. */
    @Override
    public PlainConv export() {
        double[][][][] oihw = ConvOps.yxioToOihw(buildKernel(raw.value(), false));
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : null;
        return new PlainConv(name, kind, oihw, b, inputShape, padding);
    }
}
