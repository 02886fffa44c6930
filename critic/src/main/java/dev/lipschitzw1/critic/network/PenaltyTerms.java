package dev.lipschitzw1.critic.network;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The per-sample terms of a gradient penalty (DESIGN §3.3), shared by every penalised graph of the project (the
 * critic module's {@link GradientPenaltyTrainer} and the generator module's WGAN-GP discriminator), so that the formula
 * exists once:
 * <pre>
 *   t_i = rng.nextDouble(), i = 0 … n − 1 in order        interpolation weights, x̂_i = t_i·x_P,i + (1 − t_i)·x_Q,i
 *   ‖g_i‖ = √(Σ_{c,h,w} g_i² + ε),  ε = {@value GradientPenalty#NORM_EPSILON}
 *   φ(‖g_i‖) = (‖g_i‖ − 1)²          (GP, two-sided)
 *            = max(0, ‖g_i‖ − 1)²    (LP, one-sided)
 * </pre>
 * The reduction over samples (mean, or weights per row) and λ stay with the caller. Each caller evaluates x̂ in its
 * own precision (docs/decisions.md §15): the weights are drawn here, the arithmetic is not shared.
 */
public final class PenaltyTerms {

    private PenaltyTerms() {
    }

    /** The n interpolation weights t_i ~ U(0, 1): {@code rng.nextDouble()} for i = 0 … n − 1, in order. */
    public static double[] interpolationWeights(SplittableRandom rng, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextDouble();
        }
        return t;
    }

    /**
     * ‖g_i‖ = √(Σ g_i² + ε) per sample of an input gradient g [N, C, H, W], as the variable {@code name} [N].
     */
    public static SDVariable gradientNorms(SameDiff sd, String name, SDVariable g) {
        return sd.math().sqrt(name, sd.sum(g.mul(g), 1, 2, 3).add(GradientPenalty.NORM_EPSILON));
    }

    /**
     * φ(‖g_i‖) per sample [N] for GP or LP (class comment).
     *
     * @throws IllegalArgumentException for {@link GradientPenalty.Kind#NONE}, which has no penalty term
     */
    public static SDVariable perSample(SameDiff sd, SDVariable norms, GradientPenalty.Kind kind) {
        if (kind == GradientPenalty.Kind.NONE) {
            throw new IllegalArgumentException("no penalty term for Kind.NONE");
        }
        SDVariable excess = norms.sub(1.0);
        if (kind == GradientPenalty.Kind.LP) {
            excess = sd.nn().relu(excess, 0.0);
        }
        return excess.mul(excess);
    }
}
