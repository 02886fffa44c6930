package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An unconstrained affine layer (the gradient-penalty baseline's head), in → out:
 * <pre>  y = W x + b,   W out × in  </pre>
 * No Lipschitz guarantee: its certified bound is σ_max(W) computed from the export. Initialisation as PyTorch's
 * {@code Linear}: W and b uniform in ±1/√in. Parameters: {@code name/W} [out, in], {@code name/b} [out].
 */
public final class Dense extends AffineLayer {

    /** @throws InvalidConfigException if a size is not positive */
    public Dense(String name, int in, int out, boolean bias, long seed) {
        super("Dense", "W", name, in, out, bias, seed);
    }

    /** W uniform in ±1/√in (PyTorch's {@code Linear}). */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        return ParameterInit.array(ParameterInit.uniform(in * out, biasBound(), rng), dataType, out, in);
    }

    @Override
    protected double biasBound() {
        return 1 / Math.sqrt(in);
    }

    /** W is the parameter itself. */
    @Override
    protected INDArray buildWeight(INDArray raw, boolean training) {
        return raw;
    }

    @Override
    protected INDArray rawGradient(INDArray weightGradient) {
        return weightGradient;
    }
}
