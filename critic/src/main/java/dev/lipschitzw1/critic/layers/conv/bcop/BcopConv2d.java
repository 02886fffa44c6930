package dev.lipschitzw1.critic.layers.conv.bcop;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.critic.orthogonal.BcopKernel;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A BCOP convolution (Li et al. 2019; LConvNet's {@code BCOP}), stride 1, any k ≥ 1 (even k included), any cin, cout.
 * With c = max(cin, cout) and 2k − 1 unconstrained c×c matrices M₀ … M_{2k−2}, the kernel is built once per step by
 * {@link BcopKernel} (Björck on every Mᵢ, H from M₀, symmetric projectors of rank c/2 from the others):
 * <pre>  K = H ⊛ [P₁ | I−P₁] ⊛ … ⊛ [P_{k−1} | I−P_{k−1}] ⊛ [Q₁ ; I−Q₁] ⊛ … ⊛ [Q_{k−1} ; I−Q_{k−1}]  </pre>
 * restricted to the first cin input and cout output channels; then y = conv(pad(x), K) + b with b = ⌊k/2⌋ before and
 * k − 1 − b after ({@code ConvGraph}). With circular padding (the default) the operator is exactly orthogonal for
 * cin = cout (‖y − b‖ = ‖x‖), an isometry for cin &lt; cout, 1-Lipschitz for cin &gt; cout; with zero padding it is a
 * restriction of the circular operator, still 1-Lipschitz. Certified bound: the exact norm of the exported kernel
 * (≈ 1 up to Björck's residual). Parameters: {@code name/M} [2k−1, c, c] ({@link BcopKernel#initialParameters}: each
 * orthogonal with gain 1/√c, as LConvNet), {@code name/b} [cout] (uniform ±1/√cout); the kernel is built once per training step.
 */
public final class BcopConv2d extends SameShapeConv2d {

    private final BjorckConfig bjorck;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public BcopConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias,
                      BjorckConfig bjorck, long seed) {
        super("BCOP", "M", name, inputShape, cout, k, padding, bias, seed);
        this.bjorck = bjorck;
    }

    private BcopKernel.Built built;

    /** The 2k − 1 matrices of {@link BcopKernel#initialParameters} (orthogonal, gain 1/√c). */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        int cin = inputShape[0];
        int c = Math.max(cin, cout);
        double[][][] init = BcopKernel.initialParameters(cin, cout, k, rng);
        double[] m = new double[init.length * c * c];
        for (int i = 0; i < init.length; i++) {
            System.arraycopy(ParameterInit.flatten(init[i]), 0, m, i * c * c, c * c);
        }
        return ParameterInit.array(m, dataType, init.length, c, c);
    }

    @Override
    protected double biasBound() {
        return 1 / Math.sqrt(cout);
    }

    @Override
    protected INDArray buildKernel(INDArray raw, boolean training) {
        BcopKernel.Built b = BcopKernel.build(raw, inputShape[0], cout, k, bjorck);
        if (training) {
            built = b;
        }
        return b.kernelYxio();
    }

    @Override
    protected INDArray rawGradient(INDArray kernelGradient) {
        return built.backward(kernelGradient);
    }
}
