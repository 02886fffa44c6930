package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test utility: finite-difference check of a whole float64 critic's parameter gradients, for the loss
 * L = Σ_n w_n f(x_n) with fixed weights w. The analytic gradient is the engine's tape (prepare(true), forward,
 * backward with accumulation, finishBackward, as {@link CriticTrainer} runs it); the numeric one differentiates the
 * same training forward pass (weights prepared for training: SOC's training series) with the five-point stencil of
 * {@link GradientCheck}, relative errors floored at {@value #FLOOR}: the stencil's rounding error is ≈ ε·|L|/h ≈ 1e-12
 * for losses of order one, and entries that MaxMin makes exactly zero would otherwise compare that noise with 1e-8.
 */
public final class CriticGradientTesting {

    /** Denominator floor of the relative error. */
    public static final double FLOOR = 1e-6;

    private CriticGradientTesting() {
    }

    /** Results by parameter name; x [N, C, H, W] and w [N, 1] in double. */
    public static Map<String, GradientCheck.Result> check(Critic critic, INDArray x, INDArray w, int maxEntries,
                                                          long seed) {
        List<LipschitzLayer> layers = critic.layers();
        for (LipschitzLayer l : layers) {
            l.beforeTrainingStep();
            for (Parameter p : l.parameters()) {
                p.zeroGrad();
            }
            l.prepare(true);
        }
        INDArray h = x;
        for (LipschitzLayer l : layers) {
            h = l.forward(h);
        }
        INDArray g = w;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, true);
        }
        for (LipschitzLayer l : layers) {
            l.finishBackward();
        }
        java.util.function.DoubleSupplier loss = () -> {
            INDArray f = x;
            for (LipschitzLayer l : layers) {
                l.prepare(true);
                f = l.forward(f);
            }
            return f.reshape(w.shape()).mul(w).sumNumber().doubleValue();
        };
        Map<String, GradientCheck.Result> out = new LinkedHashMap<>();
        for (LipschitzLayer l : layers) {
            for (Parameter p : l.parameters()) {
                out.put(p.name(), GradientCheck.check(p.value(), loss, p.grad().dup(), maxEntries, seed,
                        GradientCheck.DEFAULT_STEP, FLOOR));
            }
        }
        return out;
    }
}
