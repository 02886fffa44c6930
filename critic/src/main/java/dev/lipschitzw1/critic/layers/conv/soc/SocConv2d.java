package dev.lipschitzw1.critic.layers.conv.soc;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.tensor.Ops;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Skew-orthogonal convolution (SOC; Singla &amp; Feizi, ICML 2021), stride 1, circular padding, any cin, cout. With
 * c = max(cin, cout), k' = k for odd k and k + 1 for even k (a skew kernel needs a centre tap), an unconstrained
 * K [k', k', c, c] and the skew kernel S = κ(K − Kᵀ)/σ of {@link SkewKernel} (‖A_S‖₂ ≤ κ):
 * <pre>
 *   z₀ = x zero-padded to c channels,   z_i = A_S z_{i−1} / i,   y = (Σ_{i=0}^{T} z_i)[first cout channels] + b
 * </pre>
 * the Taylor series of exp(A_S) z₀ truncated after T terms (T = {@link SocConfig#trainTerms()} in training steps,
 * {@link SocConfig#evalTerms()} otherwise). A_S is skew-symmetric, so exp(A_S) is orthogonal; the truncated series is
 * not exactly: ‖Σ_{i≤T} A_Sⁱ/i!‖₂ ∈ [1 − r, 1 + r], r = Σ_{i&gt;T} κⁱ/i! (3e-12 for the defaults), and so the layer is
 * ≈ 1-Lipschitz, an isometry for cin ≤ cout up to r and a projection after it otherwise. Backward: the series in
 * reverse, a_T = ∂L/∂y, a_{i−1} = ∂L/∂y + A_Sᵀa_i / i, ∂L/∂S = Σ_i (1/i)·∂⟨a_i, A_S z_{i−1}⟩/∂S.
 *
 * <p>Export and certification: the evaluation operator as one circular convolution, the truncated exponential's
 * composed kernel ({@link ExponentialKernel}, size T(k' − 1) + 1, folded onto the map when larger), whose exact norm the
 * FFT certifier computes — the truncated operator's norm, ≈ 1, not exactly 1. Parameters: {@code name/K}
 * [k', k', c, c] (Gaussian, std 1/√c, as the authors), {@code name/b} [cout] (uniform ±1/√c).
 */
public final class SocConv2d implements LipschitzLayer {

    private final String name;
    private final int[] inputShape;
    private final int cout;
    private final int k;
    private final int channels;
    private final boolean bias;
    private final SocConfig config;
    private final long seed;
    private Parameter kernel;
    private Parameter biasParameter;
    private SkewKernel skew;
    private int terms;
    private final List<INDArray> inputs = new ArrayList<>();
    private INDArray skewGrad;

    /**
     * @param inputShape {cin, H, W}
     * @param k          the requested kernel size (k + 1 is used for even k)
     * @throws InvalidConfigException if a size is not positive or the padding is not circular
     */
    public SocConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, SocConfig config,
                     long seed) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[0] >= 1
                && inputShape[1] >= 1 && inputShape[2] >= 1, name + ".inputShape",
                inputShape == null ? null : Arrays.toString(inputShape), "{cin, H, W} ≥ 1");
        InvalidConfigException.require(cout >= 1, name + ".outChannels", cout, "≥ 1");
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        InvalidConfigException.require(padding == Padding.CIRCULAR, name + ".padding", padding,
                "CIRCULAR (SOC's series composes into one convolution only on the torus)");
        this.name = name;
        this.inputShape = inputShape.clone();
        this.cout = cout;
        this.k = k % 2 == 1 ? k : k + 1;
        this.channels = Math.max(inputShape[0], cout);
        this.bias = bias;
        this.config = config;
        this.seed = seed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "SOC";
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[] {cout, inputShape[1], inputShape[2]};
    }

    @Override
    public void initialise(DataType dataType) {
        SplittableRandom rng = new SplittableRandom(seed);
        double std = 1 / Math.sqrt(channels);
        double[] v = new double[k * k * channels * channels];
        for (int i = 0; i < v.length; i++) {
            v[i] = std * rng.nextGaussian();
        }
        kernel = new Parameter(name + "/K", ParameterInit.array(v, dataType, k, k, channels, channels));
        biasParameter = bias ? new Parameter(name + "/b", ParameterInit.array(
                ParameterInit.uniform(cout, std, rng), dataType, cout)) : null;
    }

    @Override
    public List<Parameter> parameters() {
        return bias ? List.of(kernel, biasParameter) : List.of(kernel);
    }

    @Override
    public void prepare(boolean training) {
        skew = SkewKernel.of(kernel.value(), config.correction());
        terms = training ? config.trainTerms() : config.evalTerms();
        skewGrad = null;
    }

    @Override
    public INDArray forward(INDArray x) {
        inputs.clear();
        INDArray z = x;
        if (inputShape[0] < channels) {
            z = Nd4j.concat(1, x, Nd4j.zeros(x.dataType(), x.size(0), channels - inputShape[0], x.size(2), x.size(3)));
        }
        INDArray y = z.dup('c');
        for (int i = 1; i <= terms; i++) {
            inputs.add(z);
            z = Ops.scale(ConvOps.convolve(z, skew.scaled(), null, k, Padding.CIRCULAR), 1.0 / i);
            y = Ops.add(y, z, y);
        }
        if (cout < channels) {
            y = y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cout)).dup('c');
        }
        return bias ? Ops.add(y, biasParameter.value().reshape(1, cout, 1, 1), y) : y;
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        INDArray g = gradOut;
        if (cout < channels) {
            g = Nd4j.concat(1, gradOut, Nd4j.zeros(gradOut.dataType(), gradOut.size(0), channels - cout,
                    gradOut.size(2), gradOut.size(3)));
        }
        if (accumulate && bias) {
            biasParameter.accumulate(gradOut.sum(0, 2, 3));
        }
        INDArray a = g;
        for (int i = terms; i >= 1; i--) {
            INDArray adjoint;
            if (accumulate) {
                INDArray[] parts = ConvOps.backward(ConvOps.padForKernel(inputs.get(i - 1), k, Padding.CIRCULAR),
                        skew.scaled(), null, a, k, Padding.CIRCULAR);
                adjoint = parts[0];
                Ops.scale(parts[1], 1.0 / i, parts[1]);
                skewGrad = skewGrad == null ? parts[1] : Ops.add(skewGrad, parts[1], skewGrad);
            } else {
                adjoint = ConvOps.convolveAdjoint(a, skew.scaled(), k, Padding.CIRCULAR);
            }
            a = Ops.add(g, Ops.scale(adjoint, 1.0 / i));
        }
        return inputShape[0] < channels ? a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputShape[0])).dup('c')
                : a;
    }

    @Override
    public void finishBackward() {
        if (skewGrad != null) {
            kernel.accumulate(skew.backward(skewGrad));
            skewGrad = null;
        }
    }

    /** The evaluation operator as one circular convolution: the composed kernel of the truncated series, and b. */
    @Override
    public PlainConv export() {
        SkewKernel s = SkewKernel.of(kernel.value(), config.correction());
        double[][][][] e = ExponentialKernel.truncatedExponential(s.scaled(), config.evalTerms(), inputShape[1],
                inputShape[2], inputShape[0], cout);
        double[] b = bias ? ConvOps.toDoubles(biasParameter.value()) : null;
        return new PlainConv(name, kind(), e, b, inputShape, Padding.CIRCULAR);
    }
}
