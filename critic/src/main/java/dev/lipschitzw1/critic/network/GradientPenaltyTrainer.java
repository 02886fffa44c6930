package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step of the gradient-penalty baseline (WGAN-GP / LP, DESIGN §3.3): with real batch x_P and fake batch
 * x_Q of n samples each and t_i ~ U(0, 1) drawn from the caller's generator,
 * <pre>
 *   x̂_i = t_i·x_P,i + (1 − t_i)·x_Q,i
 *   loss = (1/n)·Σ f(x_Q) − (1/n)·Σ f(x_P) + λ·(1/n)·Σ_i pen(‖∇ₓ f(x̂_i)‖₂)
 * </pre>
 * (pen of {@link GradientPenalty}), computed in ONE forward pass over [x_P; x_Q; x̂] with per-sample weights
 * (−1/n, +1/n, 0) on the scores and 1/n on the penalty of each interpolate ({@link PenalisedGraph}); the input
 * gradient is built explicitly from the layers' VJPs on the interpolate rows only, and SameDiff differentiates the
 * whole once. The update is {@link CriticTrainer}'s (same optimiser, state, step count and layer hooks), so
 * checkpoints of the wrapped trainer cover this one.
 *
 * <p>Deterministic on CPU for a seed: the only randomness is the n draws of t from the given generator, in order.
 * One graph is built per batch size n (the interpolate rows are fixed in it); see docs/critic.md for step times.
 */
public final class GradientPenaltyTrainer {

    private final CriticTrainer trainer;
    private final GradientPenalty penalty;
    private final Map<String, SameDiff> graphs = new HashMap<>();

    /**
     * A penalised trainer updating {@code trainer}'s critic with {@code trainer}'s optimiser.
     *
     * @throws InvalidConfigException if the penalty is {@link GradientPenalty.Kind#NONE} (use {@link CriticTrainer})
     * @throws UnsupportedLayerException if a layer of the critic has no explicit input VJP (only the GP critic has)
     */
    public GradientPenaltyTrainer(CriticTrainer trainer, GradientPenalty penalty) {
        InvalidConfigException.require(penalty.kind() != GradientPenalty.Kind.NONE, "penalty.kind", penalty.kind(),
                "GP or LP (train without a penalty with CriticTrainer)");
        this.trainer = trainer;
        this.penalty = penalty;
        graph(0, 1); // built now so that a critic without input VJPs fails here, not at its first step
    }

    /**
     * The outcome of a step, all before the update.
     *
     * @param loss             the dual loss mean f(x_Q) − mean f(x_P) (the W1 estimate is −loss)
     * @param penalty          the penalty without λ: mean over the interpolates of pen(‖∇ₓ f(x̂)‖)
     * @param meanGradientNorm mean of ‖∇ₓ f(x̂_i)‖₂ over the interpolates
     */
    public record Step(double loss, double penalty, double meanGradientNorm) { }

    /** The wrapped trainer (optimiser state, learning rate, step count). */
    public CriticTrainer trainer() {
        return trainer;
    }

    public GradientPenalty penalty() {
        return penalty;
    }

    /**
     * One penalised step.
     *
     * @param real [n, C, H, W] samples of P
     * @param fake [n, C, H, W] samples of Q (as many as real)
     * @param rng  draws the n interpolation weights t
     * @throws ShapeMismatchException if a batch does not have the critic's image shape, or the sizes differ
     */
    public Step step(INDArray real, INDArray fake, SplittableRandom rng) {
        Critic critic = trainer.critic();
        SameDiff sd = critic.graph();
        for (LipschitzLayer layer : critic.layers()) {
            layer.beforeTrainingStep(sd);
        }
        critic.forwardShapeCheck(real);
        critic.forwardShapeCheck(fake);
        long n = real.size(0);
        if (fake.size(0) != n) {
            throw new ShapeMismatchException("gradient penalty: fake batch (paired with the real batch for "
                    + "interpolates)", new int[] {(int) n}, new int[] {(int) fake.size(0)});
        }
        DataType dt = critic.config().precision().dataType();
        INDArray x = Nd4j.concat(0, real.castTo(dt), fake.castTo(dt), interpolates(real, fake, rng).castTo(dt));
        INDArray zeros = Nd4j.zeros(dt, n);
        INDArray w = Nd4j.concat(0, Nd4j.valueArrayOf(new long[] {n}, -1.0 / n, dt),
                Nd4j.valueArrayOf(new long[] {n}, 1.0 / n, dt), zeros);
        INDArray p = Nd4j.valueArrayOf(new long[] {n}, 1.0 / n, dt);
        SameDiff graph = graph((int) (2 * n), (int) (3 * n));
        PenalisedGraph.link(graph, sd);
        OutAndGrad out = QuietSameDiff.call(() -> graph.calculateGradientsAndOutputs(
                Map.of(Critic.INPUT, x, Critic.WEIGHTS, w, PenalisedGraph.PENALTY_WEIGHTS, p),
                List.of(PenalisedGraph.DUAL, PenalisedGraph.PENALTY, PenalisedGraph.NORMS), critic.parameterNames()));
        Map<String, INDArray> o = out.getOutputs();
        INDArray norms = o.get(PenalisedGraph.NORMS);
        Step step = new Step(o.get(PenalisedGraph.DUAL).getDouble(0), o.get(PenalisedGraph.PENALTY).getDouble(0),
                norms.castTo(DataType.DOUBLE).meanNumber().doubleValue());
        trainer.applyUpdate(out.getGradients());
        return step;
    }

    /**
     * x̂_i = t_i·real_i + (1 − t_i)·fake_i in double, t_i = rng.nextDouble() for i = 0 … n − 1 in order
     * ({@link PenaltyTerms#interpolationWeights}).
     *
     * @param real [n, C, H, W]
     * @param fake [n, C, H, W]
     */
    static INDArray interpolates(INDArray real, INDArray fake, SplittableRandom rng) {
        int n = (int) real.size(0);
        double[] t = PenaltyTerms.interpolationWeights(rng, n);
        INDArray tc = Nd4j.createFromArray(t).reshape(n, 1);
        INDArray r = real.castTo(DataType.DOUBLE).dup('c').reshape(n, -1);
        INDArray f = fake.castTo(DataType.DOUBLE).dup('c').reshape(n, -1);
        return r.mulColumnVector(tc).addi(f.mulColumnVector(tc.rsub(1.0))).reshape(real.shape());
    }

    /**
     * ∇ₓ f(x_n) per sample from the explicit VJP graph (not SameDiff's backward pass), [N, C, H, W] in the critic's
     * precision: for checking it against {@link Critic#inputGradient}.
     */
    INDArray explicitInputGradient(INDArray batch) {
        Critic critic = trainer.critic();
        critic.forwardShapeCheck(batch);
        SameDiff graph = graph(0, (int) batch.size(0));
        PenalisedGraph.link(graph, critic.graph());
        INDArray x = batch.castTo(critic.config().precision().dataType());
        return graph.output(Map.of(Critic.INPUT, x), PenalisedGraph.INPUT_GRADIENT).get(PenalisedGraph.INPUT_GRADIENT);
    }

    /**
     * The penalised graph with the penalty on rows [from, to), built on first use (one per batch size in training);
     * for gradient checks in this package.
     *
     * @throws UnsupportedLayerException if a layer has no explicit input VJP
     */
    SameDiff graph(int from, int to) {
        Critic critic = trainer.critic();
        return graphs.computeIfAbsent(from + ":" + to, k -> PenalisedGraph.build(critic.layers(),
                critic.config().input(), critic.config().precision().dataType(), penalty, from, to));
    }
}
