package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An unconstrained stride-1 convolution (the gradient-penalty baseline), cin×H×W → cout×H×W:
 * <pre>  y[o, i, j] = bias[o] + Σ_{c,p,q} K[o, c, p, q] · x[c, i + p − b, j + q − b],   b = ⌊k/2⌋  </pre>
 * (see {@link ConvOps}). No Lipschitz guarantee: its certified bound is the exact operator norm computed from the
 * export, whatever it is. Initialisation as PyTorch's {@code Conv2d}: K and bias uniform in ±1/√(cin·k²).
 * Parameters: {@code name/W} [k, k, cin, cout] (YXIO), {@code name/b} [cout].
 */
public final class Conv2d extends SameShapeConv2d {

    /**
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    public Conv2d(String name, int[] inputShape, int cout, int k, Padding padding, boolean bias, long seed) {
        super("Conv2d", "W", name, inputShape, cout, k, padding, bias, seed);
    }

    /** K uniform in ±1/√(cin·k²) (PyTorch's {@code Conv2d}), YXIO. */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        return pytorchUniformKernel(dataType, rng);
    }

    @Override
    protected double biasBound() {
        return pytorchBound();
    }

    /** K is the parameter itself. */
    @Override
    protected INDArray buildKernel(INDArray raw, boolean training) {
        return raw;
    }

    @Override
    protected INDArray rawGradient(INDArray kernelGradient) {
        return kernelGradient;
    }
}
