package dev.lipschitzw1.critic.layers.conv.cayley;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.SameShapeConvParameters;
import dev.lipschitzw1.critic.tensor.Ops;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal circular convolution by the Cayley transform (Trockman &amp; Kolter, ICLR 2021, their {@code CayleyConv}),
 * stride 1, on n×n maps, any cin, cout: a raw k×k kernel W and a scale α define, per frequency ω of the 2-D DFT, the
 * unitary (or isometric, co-isometric) matrix Q(ω) = cayley(α·Ŵ(ω)/‖Ŵ‖_F), and the layer is the circular convolution
 * whose symbol is Q:
 * <pre>  y = IDFT(Q(ω)·DFT(x)(ω)) + b = conv(pad(x), K) + b,   K = IDFT(Q) [n, n, cin, cout]  </pre>
 * Q is built once per step; the forward and backward passes apply it per frequency ({@link SpectralConv}: a dense
 * DFT by BLAS products, n²/k² times cheaper than convolving with the n×n kernel), and the export materialises K
 * ({@link CayleyKernel#kernel()}), so the FFT certifier checks the kernel of the map the layer applies (tested equal
 * to 1e-12 in double; exactly 1 up to rounding for cin ≤ cout, ≤ 1 otherwise). Circular padding
 * and square maps only (the DFT diagonalises circular convolutions). Parameters: {@code name/W} [k, k, cin, cout]
 * (uniform ±1/√(cin·k²), PyTorch's {@code Conv2d}, as the authors' subclass), {@code name/alpha} [1] (initialised to
 * ‖Ŵ‖_F, so that the first Q is the Cayley transform of Ŵ itself, as theirs), {@code name/b} [cout] (same bound).
 * Per step the construction costs O(n²·k²·cin·cout + n²·min(cin, cout)²·max(cin, cout)) in double, and each
 * application four DFT products O(batch·c·n⁴) and four batched products O(n²·batch·cin·cout) in the critic's
 * precision; materialising K (export only) costs O(n⁴·cin·cout).
 */
public final class CayleyConv2d extends SameShapeConvParameters {

    private final int rawK;
    private Parameter alpha;
    private CayleyKernel built;
    private SpectralMatrices spectral;
    private SpectralConv.Spectrum symbol;
    private SpectralConv.Spectrum input;
    private SpectralConv.Spectrum gradSymbol;

    /**
     * @param inputShape {cin, n, n}
     * @param k          the raw kernel size
     * @throws InvalidConfigException if a size is not positive, the map is not square or the padding not circular
     */
    public CayleyConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, long seed) {
        super("Cayley", "W", name, inputShape, cout, checkedMap(name, inputShape), padding, bias, seed);
        // A raw kernel wider than the map is allowed: its taps wrap, as in every circular convolution here.
        InvalidConfigException.require(k >= 1, name + ".kernelSize", k, "≥ 1");
        InvalidConfigException.require(padding == Padding.CIRCULAR, name + ".padding", padding,
                "CIRCULAR (the Cayley construction is per DFT frequency of a circular convolution)");
        this.rawK = k;
    }

    private static int checkedMap(String name, int[] inputShape) {
        InvalidConfigException.require(inputShape != null && inputShape.length == 3 && inputShape[1] == inputShape[2]
                && inputShape[1] >= 1, name + ".inputShape", inputShape == null ? null
                : java.util.Arrays.toString(inputShape), "{cin, n, n}: a square map");
        return inputShape[1];
    }

    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        int cin = inputShape[0];
        return ParameterInit.array(ParameterInit.uniform(rawK * rawK * cin * cout, biasBound(), rng), dataType, rawK,
                rawK, cin, cout);
    }

    @Override
    protected double biasBound() {
        return 1 / Math.sqrt((double) inputShape[0] * rawK * rawK);
    }

    /** W and b as {@link SameShapeConvParameters}, then α = ‖Ŵ‖_F of the initial W. */
    @Override
    public void initialise(DataType dataType) {
        super.initialise(dataType);
        double norm = CayleyKernel.symbolNorm(ConvOps.toDoubles(raw().value()), rawK, inputShape[0], cout, k);
        alpha = new Parameter(name + "/alpha", ParameterInit.array(new double[] {norm}, dataType, 1));
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(super.parameters());
        p.add(1, alpha);
        return List.copyOf(p);
    }

    /** Q(ω) from W and α for this step; the DFT matrices once per precision. */
    @Override
    public void prepare(boolean training) {
        DataType dt = raw().value().dataType();
        if (spectral == null || spectral.dataType != dt) {
            spectral = new SpectralMatrices(SpectralConv.of(k, dt), dt);
        }
        built = construction(raw().value());
        double[][] q = built.symbol();
        int f = k * k;
        symbol = new SpectralConv.Spectrum(Nd4j.createFromArray(q[0]).reshape(f, cout, inputShape[0]).castTo(dt),
                Nd4j.createFromArray(q[1]).reshape(f, cout, inputShape[0]).castTo(dt));
        gradSymbol = null;
    }

    /** y = IDFT(Q·DFT(x)) + b: the convolution with {@link #export()}'s kernel, applied per frequency. */
    @Override
    public INDArray forward(INDArray x) {
        input = spectral.conv.dft(x);
        return withBias(spectral.conv.idft(SpectralConv.apply(symbol, input, false)));
    }

    /** x̄ = IDFT(Qᴴ·DFT(ȳ)); with {@code accumulate} also G_Q += (1/n²)·DFT(ȳ)·DFT(x)ᴴ and ∂L/∂b. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        SpectralConv.Spectrum g = spectral.conv.dft(gradOut);
        if (accumulate) {
            gradSymbol = spectral.conv.accumulateOuter(g, input, gradSymbol);
            if (bias) {
                biasParameter().accumulate(gradOut.sum(0, 2, 3));
            }
        }
        return spectral.conv.idft(SpectralConv.apply(symbol, g, true));
    }

    /** ∂L/∂W and ∂L/∂α from the step's G_Q ({@link CayleyKernel#backward}). */
    @Override
    public void finishBackward() {
        if (gradSymbol == null) {
            return;
        }
        double[][] g = built.backward(ConvOps.toDoubles(gradSymbol.re()), ConvOps.toDoubles(gradSymbol.im()));
        DataType dt = raw().value().dataType();
        raw().accumulate(Nd4j.createFromArray(g[0]).reshape(rawK, rawK, inputShape[0], cout).castTo(dt));
        alpha.accumulate(Nd4j.createFromArray(g[1]).castTo(dt));
        gradSymbol = null;
    }

    /** The linear part's action on a direction r (no bias), for the gradient-penalty hooks. */
    @Override
    public INDArray jvp(INDArray r) {
        return spectral.conv.idft(SpectralConv.apply(symbol, spectral.conv.dft(r), false));
    }

    /** G_Q += (1/n²)·DFT(u)·DFT(r)ᴴ: the symbol gradient of ⟨u, conv(r)⟩. */
    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
        gradSymbol = spectral.conv.accumulateOuter(spectral.conv.dft(u), spectral.conv.dft(r), gradSymbol);
    }

    /** K [n, n, cin, cout] from W and α (export and certification: the kernel of the map applied above). */
    @Override
    protected INDArray buildKernel(INDArray raw, boolean training) {
        return Nd4j.createFromArray(construction(raw).kernel()).reshape(k, k, inputShape[0], cout)
                .castTo(raw.dataType());
    }

    private CayleyKernel construction(INDArray raw) {
        return CayleyKernel.of(ConvOps.toDoubles(raw), rawK, inputShape[0], cout, k, alpha.value().getDouble(0));
    }

    private INDArray withBias(INDArray y) {
        return bias ? Ops.add(y, biasParameter().value().reshape(1, cout, 1, 1), y) : y;
    }

    /** The DFT matrices and the precision they were made in. */
    private record SpectralMatrices(SpectralConv conv, DataType dataType) {
    }
}
