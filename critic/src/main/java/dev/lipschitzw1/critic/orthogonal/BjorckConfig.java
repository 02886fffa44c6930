package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Objects;

/**
 * Settings of Björck orthonormalisation (first order, general β form):
 * <pre>  W₀ = W / s,   W_{t+1} = W_t ((1 + β)·I − β·W_tᵀ W_t),   t = 0 … iterations − 1  </pre>
 * with the pre-scale s = ‖W‖_F·margin ({@link Prescale#FROBENIUS}: σ_max(W₀) ≤ 1 guaranteed) or
 * s = σ̂_max·margin, σ̂_max from {@code powerIterations} power-iteration steps on WᵀW from a fixed start vector
 * ({@link Prescale#POWER_ITERATION}, as LConvNet; σ̂ ≤ σ_max, so σ_max(W₀) may exceed 1 slightly, which Björck tolerates
 * up to √3). With β = 1/2 the fixed point is the orthogonal polar factor and convergence is quadratic near it.
 *
 * @param iterations      Björck steps, ≥ 1
 * @param beta            step parameter β ∈ (0, 1/2]
 * @param prescale        how s is chosen
 * @param powerIterations power-iteration steps for {@link Prescale#POWER_ITERATION}, ≥ 1 (ignored for FROBENIUS)
 * @param margin          factor on the scale, in [1, 1.5]
 */
public record BjorckConfig(int iterations, double beta, Prescale prescale, int powerIterations, double margin) {

    /** How the input is scaled before the iteration. */
    public enum Prescale {
        /** s = ‖W‖_F·margin, differentiable (gradients flow through s). */
        FROBENIUS,
        /** s = σ̂_max·margin from power iteration, outside the gradient (stop-gradient), as the reference code. */
        POWER_ITERATION
    }

    /** The paper's training setting: 20 steps, β = 1/2, pre-scale by a 10-step power iteration, no margin (LConvNet). */
    public static final BjorckConfig TRAINING = new BjorckConfig(20, 0.5, Prescale.POWER_ITERATION, 10, 1.0);

    /**
     * Export and certification: 60 steps reach ‖WᵀW − I‖_max ≤ 1e-12 in double from any start with
     * σ_min(W₀) ≥ 1e-8 (each step multiplies small singular values by 3/2: log_{1.5}(1e8) ≈ 46 steps, then quadratic
     * convergence); checked in BjorckTest.
     */
    public static final BjorckConfig CERTIFICATION = new BjorckConfig(60, 0.5, Prescale.POWER_ITERATION, 10, 1.0);

    /** @throws InvalidConfigException naming the first field out of range */
    public BjorckConfig {
        InvalidConfigException.require(iterations >= 1, "bjorck.iterations", iterations, "an integer ≥ 1");
        InvalidConfigException.require(beta > 0 && beta <= 0.5, "bjorck.beta", beta, "in (0, 0.5]");
        InvalidConfigException.require(prescale != null, "bjorck.prescale", prescale, "FROBENIUS or POWER_ITERATION");
        InvalidConfigException.require(prescale != Prescale.POWER_ITERATION || powerIterations >= 1,
                "bjorck.powerIterations", powerIterations, "an integer ≥ 1 with POWER_ITERATION pre-scaling");
        InvalidConfigException.require(powerIterations >= 0, "bjorck.powerIterations", powerIterations, "an integer ≥ 0");
        InvalidConfigException.require(margin >= 1.0 && margin <= 1.5, "bjorck.margin", margin, "in [1, 1.5]");
    }

    /** This config with {@code n} Björck steps. */
    public BjorckConfig withIterations(int n) {
        return new BjorckConfig(n, beta, prescale, powerIterations, margin);
    }

    /** This config with another pre-scale. */
    public BjorckConfig withPrescale(Prescale p) {
        return new BjorckConfig(iterations, beta, Objects.requireNonNull(p, "prescale"), powerIterations, margin);
    }
}
