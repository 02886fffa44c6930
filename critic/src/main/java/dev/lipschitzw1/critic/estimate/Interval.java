package dev.lipschitzw1.critic.estimate;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A closed interval [low, high]; {@link #studentT} gives the two-sided t-interval of a mean,
 * <pre>  x̄ ± t_{1−α/2, n−1} · s / √n  </pre>
 * with s the sample standard deviation (n − 1 in the denominator). For n = 1 the interval is (−∞, ∞): one seed says
 * nothing about the spread.
 */
public record Interval(double low, double high) {

    /** The t-interval of the mean of {@code values} at confidence {@code level} (e.g. 0.95). */
    public static Interval studentT(double[] values, double level) {
        int n = values.length;
        double mean = mean(values);
        if (n < 2) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
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

    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
