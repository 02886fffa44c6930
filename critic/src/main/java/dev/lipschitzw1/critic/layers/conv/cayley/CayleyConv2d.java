package dev.lipschitzw1.critic.layers.conv.cayley;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ConvOps;
import dev.lipschitzw1.critic.layers.Parameter;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
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
 * whose symbol is Q — materialised as a full n×n kernel ({@link CayleyKernel}):
 * <pre>  y = conv(pad(x), K) + b,   K = IDFT(Q) [n, n, cin, cout]  </pre>
 * built once per step and used by the forward pass, the backward pass and the export alike, so the FFT certifier
 * checks the very kernel the layer applies (exactly 1 up to rounding for cin ≤ cout; ≤ 1 otherwise). Circular padding
 * and square maps only (the DFT diagonalises circular convolutions). Parameters: {@code name/W} [k, k, cin, cout]
 * (uniform ±1/√(cin·k²), PyTorch's {@code Conv2d}, as the authors' subclass), {@code name/alpha} [1] (initialised to
 * ‖Ŵ‖_F, so that the first Q is the Cayley transform of Ŵ itself, as theirs), {@code name/b} [cout] (same bound).
 * The construction costs O(n²·k²·cin·cout + n²·min(cin, cout)²·max(cin, cout) + n⁴·cin·cout) in double per step.
 */
public final class CayleyConv2d extends SameShapeConv2d {

    private final int rawK;
    private Parameter alpha;
    private CayleyKernel built;

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

    /** W and b as {@link SameShapeConv2d}, then α = ‖Ŵ‖_F of the initial W. */
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

    /** K [n, n, cin, cout] from W and α. */
    @Override
    protected INDArray buildKernel(INDArray raw, boolean training) {
        CayleyKernel c = CayleyKernel.of(ConvOps.toDoubles(raw), rawK, inputShape[0], cout, k,
                alpha.value().getDouble(0));
        if (training) {
            built = c;
        }
        return Nd4j.createFromArray(c.kernel()).reshape(k, k, inputShape[0], cout).castTo(raw.dataType());
    }

    /** ∂L/∂W, and ∂L/∂α added to α's gradient here (the base class knows one raw parameter). */
    @Override
    protected INDArray rawGradient(INDArray kernelGradient) {
        double[][] g = built.backward(ConvOps.toDoubles(kernelGradient));
        DataType dt = kernelGradient.dataType();
        alpha.accumulate(Nd4j.createFromArray(g[1]).castTo(dt));
        return Nd4j.createFromArray(g[0]).reshape(rawK, rawK, inputShape[0], cout).castTo(dt);
    }
}
