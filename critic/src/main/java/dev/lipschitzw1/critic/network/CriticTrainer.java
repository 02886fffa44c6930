package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One dual-W1 training step for a {@link Critic}: with real batch x_r (n_r samples) and fake batch x_f (n_f),
 * <pre>  loss = (1/n_f)·Σ f(x_f) − (1/n_r)·Σ f(x_r)      (the estimate of W1 is −loss)  </pre>
 * computed in ONE forward pass over the concatenated batch [x_r; x_f] with weights (−1/n_r, +1/n_f), so the
 * orthogonal weights are built once per step; then backward, then the optimiser update of {@link OptimiserConfig}
 * (PyTorch's rules) on every trainable variable, then the layers' after-step hooks (OSSN's in-place projection).
 * Before the forward pass the layers' before-step hooks run (OSSN's power iteration).
 *
 * <p>Deterministic on CPU for a seed and fixed thread count: no randomness of its own.
 */
public final class CriticTrainer {

    private final Critic critic;
    private OptimiserConfig optimiser;
    private final Map<String, INDArray> first = new HashMap<>();
    private final Map<String, INDArray> second = new HashMap<>();
    private long steps;

    public CriticTrainer(Critic critic, OptimiserConfig optimiser) {
        this.critic = critic;
        this.optimiser = optimiser;
    }

    public Critic critic() {
        return critic;
    }

    public OptimiserConfig optimiser() {
        return optimiser;
    }

    /** Changes the learning rate from the next step on (for a schedule); optimiser state is kept. */
    public void setLearningRate(double lr) {
        optimiser = optimiser.withLearningRate(lr);
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * One step on a real and a fake batch.
     *
     * @param real [n_r, C, H, W]
     * @param fake [n_f, C, H, W]
     * @return the loss mean f(fake) − mean f(real) before the update
     * @throws ShapeMismatchException if a batch does not have the critic's image shape
     */
    public double step(INDArray real, INDArray fake) {
        SameDiff sd = critic.graph();
        DataType dt = critic.config().precision().dataType();
        for (LipschitzLayer layer : critic.layers()) {
            layer.beforeTrainingStep(sd);
        }
        critic.forwardShapeCheck(real);
        critic.forwardShapeCheck(fake);
        long nr = real.size(0);
        long nf = fake.size(0);
        INDArray x = Nd4j.concat(0, real.castTo(dt), fake.castTo(dt));
        INDArray w = Nd4j.concat(0, Nd4j.valueArrayOf(new long[] {nr}, -1.0 / nr, dt),
                Nd4j.valueArrayOf(new long[] {nf}, 1.0 / nf, dt));
        List<String> params = critic.parameterNames();
        OutAndGrad out = QuietSameDiff.call(() -> sd.calculateGradientsAndOutputs(
                Map.of(Critic.INPUT, x, Critic.WEIGHTS, w), List.of(Critic.LOSS), params));
        double loss = out.getOutputs().get(Critic.LOSS).getDouble(0);
        applyUpdate(out.getGradients());
        return loss;
    }

    /**
     * Counts a step, applies the optimiser update to every trainable variable with {@code gradients} (by name), then
     * runs the layers' after-step hooks. Shared by {@link #step} and {@link GradientPenaltyTrainer}.
     */
    void applyUpdate(Map<String, INDArray> gradients) {
        SameDiff sd = critic.graph();
        steps++;
        for (String name : critic.parameterNames()) {
            update(name, sd.getVariable(name).getArr(), gradients.get(name));
        }
        for (LipschitzLayer layer : critic.layers()) {
            layer.afterTrainingStep(sd);
        }
    }

    /**
     * A copy of the optimiser state, for checkpoints: {@code "m/<param>"} (Adam's first moment), {@code "v/<param>"}
     * (second moment; RMSprop's running mean of g²) and {@code "steps"} (a scalar), so that a run resumed with
     * {@link #restoreState} continues bit-identically on CPU.
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new java.util.TreeMap<>();
        first.forEach((k, v) -> s.put("m/" + k, v.dup()));
        second.forEach((k, v) -> s.put("v/" + k, v.dup()));
        s.put("steps", Nd4j.scalar((double) steps));
        return s;
    }

    /** Restores a state returned by {@link #state()} (the critic's parameters are restored by {@link Critic#load}). */
    public void restoreState(Map<String, INDArray> state) {
        first.clear();
        second.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("m/")) {
                first.put(k.substring(2), v.dup());
            } else if (k.startsWith("v/")) {
                second.put(k.substring(2), v.dup());
            }
        });
        steps = state.containsKey("steps") ? (long) state.get("steps").getDouble(0) : 0;
    }

    private void update(String name, INDArray param, INDArray grad) {
        double lr = optimiser.learningRate();
        double eps = optimiser.epsilon();
        INDArray g2 = grad.mul(grad);
        if (optimiser.kind() == OptimiserConfig.Kind.RMSPROP) {
            double a = optimiser.alpha();
            INDArray v = second.computeIfAbsent(name, k -> Nd4j.zeros(param.dataType(), param.shape()));
            v.muli(a).addi(g2.muli(1 - a));
            param.subi(grad.mul(lr).divi(Transforms.sqrt(v, true).addi(eps)));
        } else {
            double b1 = optimiser.beta1();
            double b2 = optimiser.beta2();
            INDArray m = first.computeIfAbsent(name, k -> Nd4j.zeros(param.dataType(), param.shape()));
            INDArray v = second.computeIfAbsent(name, k -> Nd4j.zeros(param.dataType(), param.shape()));
            m.muli(b1).addi(grad.mul(1 - b1));
            v.muli(b2).addi(g2.muli(1 - b2));
            double c1 = 1 - Math.pow(b1, steps);
            double c2 = 1 - Math.pow(b2, steps);
            INDArray denom = Transforms.sqrt(v.div(c2), true).addi(eps);
            param.subi(m.div(c1).muli(lr).divi(denom));
        }
    }
}
