package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Two laws F and G of a scalar t, embedded in pixel space on the line x(t) = ½·1 + t·u, u = 1/√d (a uniform
 * grey level). The embedding is an isometry of the line, so W1 equals the one-dimensional distance
 * <pre>  W1(F, G) = ∫ |F(t) − G(t)| dt  </pre>
 * computed by adaptive Gauss–Legendre quadrature on each piece of the supports (absolute accuracy ≈ 1e-10).
 * Supports must lie in [−√d/2, √d/2] so pixels stay in [0, 1].
 */
public final class OneDimensionalPair {
    private OneDimensionalPair() {
    }

    /** The pair (F, G) on the grey-level line of images of {@code shape}. */
    public static KnownW1Pair of(ImageShape shape, RealDistribution f, RealDistribution g) {
        int d = shape.values();
        double limit = Math.sqrt(d) / 2;
        for (RealDistribution law : new RealDistribution[] {f, g}) {
            InvalidConfigException.require(law.getSupportLowerBound() >= -limit && law.getSupportUpperBound() <= limit,
                    "line.law.support", "[" + law.getSupportLowerBound() + ", " + law.getSupportUpperBound() + "]",
                    "within [−√d/2, √d/2] = ±" + limit + " so pixels stay in [0, 1]");
        }
        float[] origin = new float[d];
        float[] u = new float[d];
        java.util.Arrays.fill(origin, 0.5f);
        java.util.Arrays.fill(u, (float) (1 / Math.sqrt(d)));
        double w1 = cdfDistance(f, g);
        return new KnownW1Pair(new LineDistribution("line(F)", shape, origin, u, f),
                new LineDistribution("line(G)", shape, origin, u, g), w1, "1-D laws on an isometric line: W1 = ∫|F − G|");
    }

    /** ∫|F − G| over the union of the supports, split at the support ends so each piece is smooth-ish. */
    static double cdfDistance(RealDistribution f, RealDistribution g) {
        double[] cuts = {f.getSupportLowerBound(), f.getSupportUpperBound(), g.getSupportLowerBound(),
            g.getSupportUpperBound()};
        java.util.Arrays.sort(cuts);
        UnivariateFunction gap = t -> Math.abs(f.cumulativeProbability(t) - g.cumulativeProbability(t));
        double total = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            if (cuts[i + 1] > cuts[i]) {
                IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-12);
                total += integrator.integrate(1_000_000, gap, cuts[i], cuts[i + 1]);
            }
        }
        return total;
    }
}
