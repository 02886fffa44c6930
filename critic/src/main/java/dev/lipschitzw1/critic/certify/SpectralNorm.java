package dev.lipschitzw1.critic.certify;

/**
 * The spectral norm ‖A‖₂ = σ_max(A) of a linear operator, as a pair:
 * <pre>  value ≤ ‖A‖₂ ≤ bound  </pre>
 * {@code bound} is a <em>certified bound</em>: proved to be an upper bound, floating-point rounding included.
 * {@code value} is the norm computed to convergence (a Rayleigh–Ritz value, hence from below up to rounding); it equals
 * ‖A‖₂ to about 1e-10 relative on the tested shapes, and for zero-padded convolutions it is the exact figure while
 * {@code bound} is the FFT bound of the enclosing circular operator.
 *
 * @param bound  certified upper bound on ‖A‖₂
 * @param value  converged value of ‖A‖₂ (≤ the true norm up to rounding)
 * @param method how both numbers were obtained
 */
public record SpectralNorm(double bound, double value, String method) {

    /** @throws IllegalArgumentException if bound is NaN or below value beyond rounding */
    public SpectralNorm {
        if (!(bound >= 0) || !(value >= 0) || !(bound >= value * (1 - 1e-12))) {
            throw new IllegalArgumentException("spectral norm: bound " + bound + " must be ≥ value " + value + " ≥ 0");
        }
    }
}
