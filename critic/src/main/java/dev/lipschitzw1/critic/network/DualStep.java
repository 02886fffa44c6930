package dev.lipschitzw1.critic.network;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training update of a critic f on a real batch x_P and a fake batch x_Q, with or without a gradient penalty:
 * <pre>
 *   plain:      loss = (1/n)·Σ f(x_Q) − (1/n)·Σ f(x_P)                              ({@link CriticTrainer})
 *   penalised:  loss + λ·(1/n)·Σ_i φ(‖∇ₓ f(x̂_i)‖₂),  x̂_i between x_P,i and x_Q,i      ({@link GradientPenaltyTrainer})
 * </pre>
 * The one place that chooses between the two for a {@link GradientPenalty}, so the estimator and the benchmarks train
 * a critic kind the same way. A plain step draws nothing from the generator, so it is bit-identical to
 * {@link CriticTrainer#step}.
 */
@FunctionalInterface
public interface DualStep {

    /**
     * Updates the critic once and returns the step's outcome before the update (a plain step reports penalty 0 and
     * a NaN gradient norm: it does not compute one).
     */
    GradientPenaltyTrainer.Step step(INDArray real, INDArray fake, SplittableRandom rng);

    /** The step that trains {@code trainer}'s critic under {@code penalty} ({@link GradientPenalty#NONE}: plain). */
    static DualStep of(CriticTrainer trainer, GradientPenalty penalty) {
        if (penalty.kind() == GradientPenalty.Kind.NONE) {
            return (real, fake, rng) -> new GradientPenaltyTrainer.Step(trainer.step(real, fake), 0, Double.NaN);
        }
        return new GradientPenaltyTrainer(trainer, penalty)::step;
    }
}
