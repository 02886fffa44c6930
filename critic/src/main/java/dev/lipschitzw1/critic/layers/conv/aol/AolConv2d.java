package dev.lipschitzw1.critic.layers.conv.aol;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Almost-orthogonal Lipschitz convolution (AOL; Prach &amp; Lampert, ECCV 2022), stride 1, any k, cin, cout: an
 * unconstrained kernel K is rescaled per input channel by the absolute row sums of the Gram kernel of KᵀK
 * ({@link AolRescaling}),
 * <pre>  K' = K · diag(d),   d_c = (Σ_{c', Δ} |(KᵀK)[Δ][c, c']|)^(−1/2),   y = conv(pad(x), K') + b  </pre>
 * 1-Lipschitz by construction for either padding (the Schur test on AᵀA), but only almost orthogonal: the bound is
 * tight when the taps' Gram blocks are nearly diagonal, otherwise the layer contracts (‖A‖ &lt; 1), the gradient
 * attenuation that the comparison measures. Certified bound: the exact norm of the exported K' (≤ 1). The
 * rescaling is invariant to the scale of each input channel's weights, so the initialisation only sets their
 * directions. Parameters: {@code name/K} [k, k, cin, cout] (YXIO, uniform ±1/√(cin·k²) as PyTorch's {@code Conv2d}),
 * {@code name/b} [cout] (same bound); K' is built once per training step.
 */
public final class AolConv2d extends SameShapeConv2d {

    private AolRescaling tape;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public AolConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, long seed) {
        super("AOL", "K", name, inputShape, cout, k, padding, bias, seed);
    }

    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        return pytorchUniformKernel(dataType, rng);
    }

    @Override
    protected double biasBound() {
        return pytorchBound();
    }

    /** K' = K·diag(d). */
    @Override
    protected INDArray buildKernel(INDArray raw, boolean training) {
        AolRescaling r = AolRescaling.of(raw);
        if (training) {
            tape = r;
        }
        return r.rescaled();
    }

    @Override
    protected INDArray rawGradient(INDArray kernelGradient) {
        return tape.backward(kernelGradient);
    }
}
