package dev.lipschitzw1.generator.train;

/**
 * The gradient penalty on random interpolates x̂ = εx + (1 − ε)G(z), ε ~ U(0, 1):
 * <pre>  GP (two-sided, Gulrajani et al. 2017):  λ·E[(‖∇ₓD(x̂)‖₂ − 1)²]
 *   LP (one-sided, Petzka et al. 2018):     λ·E[max(0, ‖∇ₓD(x̂)‖₂ − 1)²]  </pre>
 */
public enum PenaltyKind {
    /** Two-sided: pushes the gradient norm towards 1 from both sides. */
    GP,
    /** One-sided: penalises only gradient norms above 1. */
    LP
}
