package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.tensor.Ops;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An unconstrained strided convolution with zero padding (the WGAN-GP discriminator's 4×4, stride 2, padding 1),
 * cin×H×W → cout×(H/s)×(W/s), pad = (k − s)/2:
 * <pre>  y[o, i, j] = bias[o] + Σ_{c,p,q} K[p, q, c, o] · x[c, s·i + p − pad, s·j + q − pad]   (0 outside the map)
 *   backward:  ∂L/∂x = convᵀ(G) (transposed convolution),  ∂L/∂K, ∂L/∂b  ({@code conv2d_bp})
 *   J r = conv(r, K) (no bias),   ∂⟨J_K r, u⟩/∂K = the weight gradient of ⟨u, conv(r, K)⟩  </pre>
 * executed by libnd4j's strided {@code conv2d} ({@link ConvOps#convolveStrided}). Unlike the LConvNet stride of
 * {@link dev.lipschitzw1.critic.layers.conv.OrthogonalConvs} (pixel-unshuffle + a k/s conv, padded on one side only)
 * the padding is symmetric, as PyTorch's {@code Conv2d(k, s, padding)}. No Lipschitz guarantee: the export
 * ({@link PlainStridedConv}) is certified as the equivalent stride-1 conv on the pixel-unshuffled map. Initialisation as
 * PyTorch's {@code Conv2d}: K and bias uniform in ±1/√(cin·k²). Parameters: {@code name/W} [k, k, cin, cout] (YXIO),
 * {@code name/b} [cout].
 */
public final class StridedConv2d implements LipschitzLayer {
    private final String name;
    private final int[] inputShape;
    private final int cout;
    private final int k;
    private final int stride;
    private final boolean bias;
    private final long seed;
    private Parameter kernel;
    private Parameter biasParameter;
    private INDArray input;
    private INDArray kernelGrad;

    /**
     * @param inputShape {cin, H, W}, H and W divisible by the stride
     * @throws InvalidConfigException if a size is not positive, or k − s is negative or odd
     */
    public StridedConv2d(String name, int[] inputShape, int cout, int k, int stride, boolean bias, long seed) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[0] >= 1
                && inputShape[1] >= 1 && inputShape[2] >= 1, name + ".inputShape",
                inputShape == null ? null : Arrays.toString(inputShape), "{cin, H, W} ≥ 1");
        InvalidConfigException.require(cout >= 1, name + ".outChannels", cout, "≥ 1");
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        PlainStridedConv.requireGeometry(name, k, stride, inputShape);
        this.name = name;
        this.inputShape = inputShape.clone();
        this.cout = cout;
        this.k = k;
        this.stride = stride;
        this.bias = bias;
        this.seed = seed;
    }

    @Override
    public void initialise(DataType dataType) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cin = inputShape[0];
        double bound = 1 / Math.sqrt((double) cin * k * k);
        kernel = new Parameter(name + "/W", ParameterInit.array(ParameterInit.uniform(k * k * cin * cout, bound, rng),
                dataType, k, k, cin, cout));
        biasParameter = bias ? new Parameter(name + "/b", ParameterInit.array(ParameterInit.uniform(cout, bound, rng),
                dataType, cout)) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "StridedConv2d";
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[] {cout, inputShape[1] / stride, inputShape[2] / stride};
    }

    @Override
    public List<Parameter> parameters() {
        return bias ? List.of(kernel, biasParameter) : List.of(kernel);
    }

    @Override
    public void prepare(boolean training) {
        kernelGrad = null;
    }

    private int pad() {
        return (k - stride) / 2;
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        return ConvOps.convolveStrided(x, kernel.value(), bias ? biasParameter.value() : null, stride, pad());
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        if (!accumulate) {
            return ConvOps.convolveStridedAdjoint(gradOut, kernel.value(), stride, pad(), inputShape[1],
                    inputShape[2]);
        }
        INDArray[] g = ConvOps.backwardStrided(input, kernel.value(), bias ? biasParameter.value() : null, gradOut,
                stride, pad());
        addKernelGradient(g[1]);
        if (bias) {
            biasParameter.accumulate(g[2]);
        }
        return g[0];
    }

    @Override
    public void finishBackward() {
        if (kernelGrad != null) {
            kernel.accumulate(kernelGrad);
            kernelGrad = null;
        }
    }

    @Override
    public INDArray jvp(INDArray r) {
        return ConvOps.convolveStrided(r, kernel.value(), null, stride, pad());
    }

    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
        addKernelGradient(ConvOps.backwardStrided(r, kernel.value(), null, u, stride, pad())[1]);
    }

    private void addKernelGradient(INDArray g) {
        kernelGrad = kernelGrad == null ? g : Ops.add(kernelGrad, g, kernelGrad);
    }

    /** The kernel and bias the forward pass uses, in double, OIHW. */
    @Override
    public PlainStridedConv export() {
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : null;
        return new PlainStridedConv(name, kind(), ConvOps.yxioToOihw(kernel.value()), b, inputShape, stride);
    }
}
