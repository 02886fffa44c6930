package dev.lipschitzw1.critic.layers.conv.rko;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.ParameterInit;
import dev.lipschitzw1.critic.layers.SameShapeConv2d;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckStack;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reshaped kernel orthogonalisation (RKO; LConvNet's {@code RKO}): an unconstrained matrix V of shape
 * cout × (cin·k·k) is orthonormalised by Björck, reshaped to the OIHW kernel and scaled by 1/k:
 * <pre>  K[o, c, p, q] = Björck(V)[o, (c·k + p)·k + q] / k  </pre>
 * Certified: for any padding, ‖conv_K‖ ≤ √(k²)·‖reshape(K)‖₂ = k·(1/k)·σ_max(Björck(V)) = σ_max(Björck(V)) ≈ 1
 * (each output pixel sees k² shifted copies of the input). The bound is usually loose: the layer attenuates gradients
 * (‖∇‖ &lt; 1), which is why RKO critics lag BCOP. The certifier computes the exact norm of the exported kernel.
 * Parameters: {@code name/V} [cout, cin·k²] (orthogonal init, gain 1/√(cin·k²), as LConvNet's BjorckLinear),
 * {@code name/b} [cout] (uniform ±1/√(cin·k²)); the kernel is built once per training step.
 */
public final class RkoConv2d extends SameShapeConv2d {

    private final BjorckConfig bjorck;

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public RkoConv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias,
                     BjorckConfig bjorck, long seed) {
        super("RKO", "V", name, inputShape, cout, k, padding, bias, seed);
        this.bjorck = bjorck;
    }

    private BjorckStack tape;

    /** V orthogonal with gain 1/√(cin·k²). */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        int fanIn = inputShape[0] * k * k;
        return ParameterInit.array(ParameterInit.flatten(ParameterInit.orthogonal(cout, fanIn, biasBound(), rng)),
                dataType, cout, fanIn);
    }

    @Override
    protected double biasBound() {
        return 1 / Math.sqrt((double) inputShape[0] * k * k);
    }

    /** K[p, q, c, o] = Björck(V)[o, (c·k + p)·k + q] / k. */
    @Override
    protected INDArray buildKernel(INDArray v, boolean training) {
        BjorckStack b = BjorckStack.orthonormalise(v, bjorck);
        if (training) {
            tape = b;
        }
        return b.q().reshape('c', cout, inputShape[0], k, k).permute(2, 3, 1, 0).mul(1.0 / k).dup('c');
    }

    @Override
    protected INDArray rawGradient(INDArray kernelGradient) {
        INDArray gq = kernelGradient.permute(3, 2, 0, 1).mul(1.0 / k).dup('c').reshape('c', cout,
                (long) inputShape[0] * k * k);
        return tape.backward(gq);
    }
}
