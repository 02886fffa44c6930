package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * What critics simpler than the optimal potential u can gain on a {@link FunnelPair}, the yardsticks beside which a
 * trained critic's estimate is read. With d_i = x_i − T(x_i), n images and k_i the active funnel of x_i:
 * <pre>
 *   linear          = max_{‖a‖ ≤ 1} (1/n)·Σ_i ⟨a, d_i⟩             = ‖(1/n)·Σ_i d_i‖
 *   perFunnelAffine = (1/n)·Σ_k max_{‖a_k‖ ≤ 1} Σ_{i: k_i = k} ⟨a_k, d_i⟩ = (1/n)·Σ_k ‖Σ_{i: k_i = k} d_i‖
 *   linear ≤ perFunnelAffine ≤ exactW1 = (1/n)·Σ_i ‖d_i‖               (triangle inequality, twice)
 * </pre>
 * {@code perFunnelAffine} bounds the gain E_P f − E_Q f of every critic f that is affine on each funnel's cell (the
 * set where funnel k is the minimum) with a slope of norm ≤ 1 there: T moves an image toward the apex of its funnel
 * and the image stays in that cell, so such an f gains ⟨a_k, d_i⟩ on image i, and by Cauchy–Schwarz a cell's sum is
 * at most the norm of its summed displacement, attained by a_k along it. It ignores whether the K affine pieces join
 * into one 1-Lipschitz function, so it is a ceiling for such critics, not a value one must reach. A critic that gets
 * closer to the truth than this must bend inside the cells, following the rotation of ∇u(x) = (x − c_k)/‖x − c_k‖
 * across the images of one funnel.
 *
 * @param exactW1         the pair's exact W1
 * @param linear          the best linear critic's gain
 * @param perFunnelAffine the ceiling of critics with one affine piece per funnel
 */
public record FunnelReferenceGains(double exactW1, double linear, double perFunnelAffine) {
    public FunnelReferenceGains {
        InvalidConfigException.require(exactW1 > 0 && Double.isFinite(exactW1), "funnel.exactW1", exactW1,
                "finite and > 0");
        // The triangle inequality, up to the rounding of two sums of norms (equal when K = 1).
        InvalidConfigException.require(linear >= 0 && linear <= perFunnelAffine * (1 + 1e-12), "funnel.linearGain",
                linear, "in [0, perFunnelAffine = " + perFunnelAffine + "]");
    }

    /** linear / exactW1. */
    public double linearShare() {
        return linear / exactW1;
    }

    /** perFunnelAffine / exactW1. */
    public double perFunnelAffineShare() {
        return perFunnelAffine / exactW1;
    }
}
