package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.critic.network.GradientPenalty;

/**
 * The gradient penalty on random interpolates x̂ = εx + (1 − ε)G(z), ε ~ U(0, 1):
 * <pre>  GP (two-sided, Gulrajani et al. 2017):  λ·E[(‖∇ₓD(x̂)‖₂ − 1)²]
 *   LP (one-sided, Petzka et al. 2018):     λ·E[max(0, ‖∇ₓD(x̂)‖₂ − 1)²]  </pre>
 * The formula is the critic module's ({@link dev.lipschitzw1.critic.network.GradientPenalty}); this enum is the
 * trainer's config value ({@code "penalty": "GP"} in the job files), which has no {@code NONE}.
 */
public enum PenaltyKind {
    /** Two-sided: pushes the gradient norm towards 1 from both sides. */
    GP,
    /** One-sided: penalises only gradient norms above 1. */
    LP;

    /** The same penalty as the critic module names it. */
    public GradientPenalty.Kind kind() {
        return this == GP ? GradientPenalty.Kind.GP : GradientPenalty.Kind.LP;
    }
}
