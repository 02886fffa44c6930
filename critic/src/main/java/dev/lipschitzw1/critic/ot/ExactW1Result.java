package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * The exact Wasserstein-1 distance between two finite point sets (an exact value up to floating-point rounding, not an
 * estimate and not a bound), with how it was obtained.
 * @param value W1 = min_π Σ π_ij ‖x_i − y_j‖₂, in the units of the points (pixels in [0, 1] for images)
 * @param n number of points of the first set
 * @param m number of points of the second set
 * @param method {@link ExactW1#ASSIGNMENT} or {@link ExactW1#NETWORK_SIMPLEX}
 * @param seconds wall time of the cost matrix and the solver together (the solver alone when given a cost matrix)
 */
public record ExactW1Result(double value, int n, int m, String method, double seconds) {
    public ExactW1Result {
        InvalidConfigException.require(value >= 0 && value < Double.POSITIVE_INFINITY, "exactW1.value", value,
                "finite and ≥ 0");
        InvalidConfigException.require(n >= 1, "exactW1.n", n, "≥ 1");
        InvalidConfigException.require(m >= 1, "exactW1.m", m, "≥ 1");
        InvalidConfigException.require(method != null && !method.isBlank(), "exactW1.method", method, "a name");
        InvalidConfigException.require(seconds >= 0, "exactW1.seconds", seconds, "≥ 0");
    }
}
