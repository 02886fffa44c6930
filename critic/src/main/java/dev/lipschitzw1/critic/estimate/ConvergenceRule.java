package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * When a run's validation objective has stopped improving. With v₀ … v_{n−1} the validation objective after each of the
 * n epochs run, B_m = max(v₀, …, v_{m−1}) the best of the first m epochs and k = {@code patienceEpochs}:
 * <pre>
 *   g = (B_n − B_{n−k}) / |B_{n−k}|        relative gain of the best over the last k epochs (0 when B_n = B_{n−k})
 *   converged  ⇔  n &gt; k  and  g ≤ relativeTolerance
 * </pre>
 * g is undefined (NaN, not converged) when n ≤ k, and when the best rose from exactly 0 (B_{n−k} = 0 &lt; B_n: no
 * finite relative gain; NaN rather than +∞ so that it reads back from JSON, where both are null, as it was written).
 * The best so far, not the last value, because keep-best selects the best epoch and because B is monotone: one noisy
 * dip of the validation objective cannot pass for convergence. A pure function of the learning curve, so a resumed run
 * (whose curve is checkpointed) decides exactly as the uninterrupted one.
 *
 * <p>{@code maxSteps} caps a run trained until converged ({@link EstimatorConfig#untilConverged()}): it trains whole
 * epochs, at most ⌊maxSteps / itersPerEpoch⌋ of them, and stops after the first epoch at which the rule holds.
 *
 * @param patienceEpochs    k ≥ 1, the window of epochs the gain is measured over
 * @param relativeTolerance the largest relative gain g that counts as converged, ≥ 0
 * @param maxSteps          the most training steps a run trained until converged takes, ≥ 1
 */
public record ConvergenceRule(int patienceEpochs, double relativeTolerance, long maxSteps) {
    /**
     * The default window, 3 epochs: a third of the quick preset's 10, long enough that one lucky epoch does not end
     * the window's growth.
     */
    public static final int DEFAULT_PATIENCE = 3;
    /**
     * The default tolerance, 1 %: the quick preset's 8× longer run still gained 0.2–0.9 % per epoch
     * (docs/estimator.md), so 1 % over 3 epochs separates "still rising" from noise in the best validation value.
     */
    public static final double DEFAULT_TOLERANCE = 0.01;

    /** @throws InvalidConfigException naming the first field out of range */
    public ConvergenceRule {
        InvalidConfigException.require(patienceEpochs >= 1, "convergence.patienceEpochs", patienceEpochs, "≥ 1");
        InvalidConfigException.require(relativeTolerance >= 0 && Double.isFinite(relativeTolerance),
                "convergence.relativeTolerance", relativeTolerance, "a finite number ≥ 0");
        InvalidConfigException.require(maxSteps >= 1, "convergence.maxSteps", maxSteps, "≥ 1");
    }

    /** The default patience and tolerance with the step cap {@code maxSteps}. */
    public static ConvergenceRule defaults(long maxSteps) {
        return new ConvergenceRule(DEFAULT_PATIENCE, DEFAULT_TOLERANCE, maxSteps);
    }

    /** The rule applied to the validation objective after each epoch, in order (the formula above). */
    public Convergence judge(double... validation) {
        int n = validation.length;
        if (n <= patienceEpochs) {
            return new Convergence(false, Double.NaN, patienceEpochs, relativeTolerance, n);
        }
        double before = best(validation, n - patienceEpochs);
        double now = best(validation, n);
        double gain = now == before ? 0 : before == 0 ? Double.NaN : (now - before) / Math.abs(before);
        return new Convergence(gain <= relativeTolerance, gain, patienceEpochs, relativeTolerance, n);
    }

    /** B_m: the largest of the first m values. */
    private static double best(double[] v, int m) {
        double b = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            b = Math.max(b, v[i]);
        }
        return b;
    }
}
