package dev.lipschitzw1.critic.estimate;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A closed interval [low, high]; {@link #studentT} gives the two-sided t-interval of a mean,
 * <pre>  x̄ ± t_{1−α/2, n−1} · s / √n  </pre>
 * with s the sample standard deviation (n − 1 in the denominator). For n &lt; 2 there is no t-interval (t_{·, 0} does
 * not exist: one seed says nothing about the spread): {@link #studentT} gives {@link #NONE}, both bounds NaN, which
 * result files write as {@code null} and read back as NaN ({@code JsonMappers}).
 */
public record Interval(double low, double high) {
    /** No interval: both bounds NaN; {@link #exists()} is false and it contains nothing. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    /** The t-interval of the mean of {@code values} at confidence {@code level} (e.g. 0.95); NONE for n &lt; 2. */
    public static Interval studentT(double[] values, double level) {
        int n = values.length;
        double mean = mean(values);
        if (n < 2) {
            return NONE;
        }
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * standardDeviation(values) / Math.sqrt(n);
        return new Interval(mean - half, mean + half);
    }

    /** Arithmetic mean. */
    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
    public static double standardDeviation(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (n - 1));
    }

    /**
     * Whether both bounds are finite: false for {@link #NONE} (and for the (−∞, ∞) that estimates stored before NONE
     * existed hold for one seed).
     */
    public boolean exists() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** low ≤ x ≤ high (false for NaN bounds, so NONE contains nothing). */
    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
