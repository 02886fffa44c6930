package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.orthogonal.Bjorck;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckStack;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer whose matrix is the Björck orthonormalisation of an unconstrained parameter V (Anil et al. 2019;
 * LConvNet's {@code BjorckLinear}):
 * <pre>  W = Björck(V)  (out × in, orthonormal rows if out ≤ in, columns otherwise),   y = W x + b  </pre>
 * For a single row or column (out = 1, e.g. the critic's head, or in = 1) the polar factor is V/‖V‖, which is what
 * Björck converges to from the power-iteration pre-scale in one step; it is computed in that closed form (one norm
 * instead of 20 iterations, the same function). At convergence every singular value of W is 1, so the layer is 1-Lipschitz and, for out ≤ in, gradient-norm
 * preserving (‖Wᵀg‖ = ‖g‖). The certified bound is σ_max of the exported W (the matrix actually used, after the
 * configured iterations), computed exactly. Initialisation as LConvNet: V orthogonal with gain 1/√in, b uniform in
 * ±1/√in. Parameters: {@code name/V} [out, in], {@code name/b} [out]; 
 */
public final class BjorckLinear extends AffineLayer {

    private final BjorckConfig bjorck;

    /** @throws InvalidConfigException if a size is not positive */
    public BjorckLinear(String name, int in, int out, boolean bias, BjorckConfig bjorck, long seed) {
        super("BjorckLinear", "V", name, in, out, bias, seed);
        this.bjorck = bjorck;
    }

    private BjorckStack bjorckTape;
    private INDArray unitRow;
    private double inverseNorm;

    /** V orthogonal with gain 1/√in (LConvNet). */
    @Override
    protected INDArray initialRaw(DataType dataType, SplittableRandom rng) {
        return ParameterInit.array(ParameterInit.flatten(ParameterInit.orthogonal(out, in, biasBound(), rng)),
                dataType, out, in);
    }

    @Override
    protected double biasBound() {
        return 1 / Math.sqrt(in);
    }

    @Override
    protected INDArray buildWeight(INDArray v, boolean training) {
        if (out == 1 || in == 1) {
            double norm = v.norm2Number().doubleValue();
            if (!(norm > 0)) {
                throw new IllegalArgumentException(name + ": Björck input is zero (norm " + norm + ")");
            }
            inverseNorm = 1 / norm;
            unitRow = v.mul(inverseNorm);
            return unitRow;
        }
        BjorckStack b = BjorckStack.orthonormalise(v, bjorck);
        if (training) {
            bjorckTape = b;
        }
        return b.q();
    }

    /** Closed form: ∂L/∂V = (G − W⟨W, G⟩)/‖V‖ for W = V/‖V‖; otherwise Björck's backward pass. */
    @Override
    protected INDArray rawGradient(INDArray g) {
        if (out == 1 || in == 1) {
            double dot = unitRow.mul(g).sumNumber().doubleValue();
            return g.sub(unitRow.mul(dot)).muli(inverseNorm);
        }
        return bjorckTape.backward(g);
    }
}
