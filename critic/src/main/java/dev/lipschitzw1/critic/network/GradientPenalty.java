package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * The gradient penalty of the gradient-penalty baseline critic (docs/critic.md, "Gradient-penalty baseline"), added to the dual loss on random
 * interpolates x̂ = t·x_P + (1 − t)·x_Q, t ~ U(0, 1) per sample:
 * <pre>
 *   GP (two-sided, Gulrajani et al. 2017):   λ · E[(‖∇ₓ f(x̂)‖₂ − 1)²]
 *   LP (one-sided, Petzka et al. 2018):      λ · E[max(0, ‖∇ₓ f(x̂)‖₂ − 1)²]
 *   with ‖g‖₂ computed as √(Σ g² + ε),  ε = {@value #NORM_EPSILON}
 * </pre>
 * ε keeps the derivative of the norm finite where the input gradient vanishes (d√s/ds = ∞ at s = 0 would make
 * 0·∞ = NaN in the chain rule, e.g. a ReLU critic whose units are all inactive on a sample); it shifts a norm of
 * order 1 by 5e-13 and one of 0 to 1e-6. A penalty only encourages ‖∇f‖ ≈ 1 on the interpolates: it certifies
 * nothing, and the trained critic's certified bound is reported as it is (far above 1 in practice).
 *
 * @param kind   NONE, GP or LP
 * @param lambda the weight λ: &gt; 0 for GP and LP, 0 for NONE
 */
public record GradientPenalty(Kind kind, double lambda) {

    /** Which penalty. */
    public enum Kind { NONE, GP, LP }

    /** No penalty (the certified critics). */
    public static final GradientPenalty NONE = new GradientPenalty(Kind.NONE, 0);
    /** WGAN-GP's two-sided penalty with its default λ = 10. */
    public static final GradientPenalty WGAN_GP = new GradientPenalty(Kind.GP, 10);
    /** ε under the square root of the gradient norm (see the class comment). */
    public static final double NORM_EPSILON = 1e-12;

    /** @throws InvalidConfigException if the kind is missing or λ does not fit it */
    public GradientPenalty {
        InvalidConfigException.require(kind != null, "penalty.kind", null, "NONE, GP or LP");
        InvalidConfigException.require(kind == Kind.NONE ? lambda == 0 : lambda > 0 && Double.isFinite(lambda),
                "penalty.lambda", lambda, kind == Kind.NONE ? "0 for no penalty" : "a finite number > 0");
    }

    /** The two-sided penalty with weight λ. */
    public static GradientPenalty twoSided(double lambda) {
        return new GradientPenalty(Kind.GP, lambda);
    }

    /** The one-sided (LP) penalty with weight λ. */
    public static GradientPenalty oneSided(double lambda) {
        return new GradientPenalty(Kind.LP, lambda);
    }

    /** The penalty a critic variant is trained with by default: {@link #WGAN_GP} for GP, {@link #NONE} otherwise. */
    public static GradientPenalty defaultFor(CriticConfig.Variant variant) {
        return variant == CriticConfig.Variant.GP ? WGAN_GP : NONE;
    }
}
