package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sparse plan and the optimal critic of {@link ExactW1#transport}: the plan's marginals and cost, and the critic
 * checked against its definition — 1-Lipschitz on every pair of points, and its dual value Σ a f(x) − Σ b f(y) equal
 * to W1 from an independent oracle (the 1-D quantile formula, or Commons Math's LP simplex for weighted sets).
 * Tolerances: 1e-12 absolute on marginals, 1e-10 relative on values (rounding of the potentials is O(n·ε)).
 */
class OptimalTransportTest {

    @Test
    void equalSizesInOneDimensionMatchTheQuantileFormula() {
        check(line(50, 1), line(50, 2), quantileW1(line(50, 1), line(50, 2)));
    }

    @Test
    void unequalSizesInOneDimensionMatchTheQuantileFormula() {
        check(line(30, 3), line(45, 4), quantileW1(line(30, 3), line(45, 4)));
    }

    @Test
    void higherDimensionalSetsAreDualOptimal() {
        double[][] x = OtOracles.uniformPoints(40, 5, 5);
        double[][] y = OtOracles.uniformPoints(40, 5, 6);
        check(x, y, ExactW1.between(x, y).value());
        double[][] z = OtOracles.uniformPoints(27, 5, 7);
        check(x, z, ExactW1.between(x, z).value());
    }

    @Test
    void weightedSetsWithAZeroWeightMatchTheLinearProgram() {
        double[][] x = OtOracles.uniformPoints(8, 3, 8);
        double[][] y = OtOracles.uniformPoints(7, 3, 9);
        double[] a = OtOracles.randomWeights(8, 10);
        double[] b = OtOracles.randomWeights(7, 11);
        b[6] += b[2];
        b[2] = 0;
        double expected = OtOracles.linearProgram(CostMatrix.euclidean(x, y), a, b);
        OptimalTransport t = ExactW1.transport(x, a, y, b);
        assertEquals(expected, t.result().value(), 1e-10 * expected);
        assertMarginals(t.plan(), a, b);
        assertDualValue(t, a, b, expected);
        assertLipschitz(t.critic(), x, y);
    }

    @Test
    void imageSetsGiveTheSameCriticAtEveryImage() {
        ImageShape shape = new ImageShape(1, 4, 4);
        FloatImageSet p = images("p", shape, 12, 12);
        FloatImageSet q = images("q", shape, 12, 13);
        OptimalTransport t = ExactW1.transport(p, q);
        assertEquals(ExactW1.between(p, q).value(), t.result().value(), 1e-12);
        double[] f = t.critic().onFirst();
        for (int i = 0; i < p.size(); i++) {
            assertEquals(f[i], t.critic().at(p.imageAsDoubles(i)), 1e-12);
        }
        double[] uniform = new double[12];
        Arrays.fill(uniform, 1.0 / 12);
        assertDualValue(t, uniform, uniform, t.result().value());
    }

    /** Uniform sets: plan marginals 1/n and 1/m, plan cost and dual value equal to W1, critic 1-Lipschitz. */
    private static void check(double[][] x, double[][] y, double expected) {
        OptimalTransport t = ExactW1.transport(x, y);
        assertEquals(expected, t.result().value(), 1e-10 * expected);
        double[] a = new double[x.length];
        double[] b = new double[y.length];
        Arrays.fill(a, 1.0 / x.length);
        Arrays.fill(b, 1.0 / y.length);
        assertMarginals(t.plan(), a, b);
        CostMatrix c = CostMatrix.euclidean(x, y);
        double cost = 0;
        for (int k = 0; k < t.plan().entries(); k++) {
            cost += t.plan().mass()[k] * c.get(t.plan().rows()[k], t.plan().cols()[k]);
        }
        assertEquals(expected, cost, 1e-10 * expected);
        assertTrue(t.plan().entries() <= x.length + y.length - 1, "a basic plan");
        assertDualValue(t, a, b, expected);
        assertLipschitz(t.critic(), x, y);
    }

    private static void assertMarginals(TransportPlan plan, double[] a, double[] b) {
        double[] rows = new double[a.length];
        double[] cols = new double[b.length];
        for (int k = 0; k < plan.entries(); k++) {
            rows[plan.rows()[k]] += plan.mass()[k];
            cols[plan.cols()[k]] += plan.mass()[k];
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], rows[i], 1e-12, "row marginal " + i);
        }
        for (int j = 0; j < b.length; j++) {
            assertEquals(b[j], cols[j], 1e-12, "column marginal " + j);
        }
    }

    private static void assertDualValue(OptimalTransport t, double[] a, double[] b, double expected) {
        double[] f = t.critic().onFirst();
        double[] g = t.critic().onSecond();
        double dual = 0;
        for (int i = 0; i < a.length; i++) {
            dual += a[i] * f[i];
        }
        for (int j = 0; j < b.length; j++) {
            dual -= b[j] * g[j];
        }
        assertEquals(expected, dual, 1e-10 * expected, "Σ a f(x) − Σ b f(y)");
    }

    /** |f(u) − f(w)| ≤ ‖u − w‖ (1 + 1e-12) over all pairs of x ∪ y ∪ 20 random points, f evaluated by at(). */
    private static void assertLipschitz(KantorovichPotential f, double[][] x, double[][] y) {
        int d = x[0].length;
        double[][] all = new double[x.length + y.length + 20][];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        SplittableRandom rng = new SplittableRandom(99);
        for (int k = x.length + y.length; k < all.length; k++) {
            all[k] = rng.doubles(d, -0.5, 1.5).toArray();
        }
        double[] values = Arrays.stream(all).mapToDouble(f::at).toArray();
        for (int u = 0; u < all.length; u++) {
            for (int w = u + 1; w < all.length; w++) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    dist += (all[u][k] - all[w][k]) * (all[u][k] - all[w][k]);
                }
                dist = Math.sqrt(dist);
                assertTrue(Math.abs(values[u] - values[w]) <= dist * (1 + 1e-12) + 1e-15,
                        "Lipschitz on pair " + u + ", " + w);
            }
        }
    }

    /** n points in [0, 1] from a fixed seed, as 1-D rows. */
    private static double[][] line(int n, long seed) {
        return OtOracles.uniformPoints(n, 1, seed);
    }

    /** W1 = ∫₀¹ |F⁻¹(t) − G⁻¹(t)| dt for uniform 1-D sets: both quantile functions are steps at multiples of 1/n, 1/m. */
    private static double quantileW1(double[][] x, double[][] y) {
        double[] xs = Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        double[] ys = Arrays.stream(y).mapToDouble(r -> r[0]).sorted().toArray();
        int n = xs.length;
        int m = ys.length;
        double total = 0;
        long i = 0;
        long j = 0;
        long t = 0;
        long end = (long) n * m;
        while (t < end) {
            long next = Math.min((i + 1) * m, (j + 1) * n);
            total += (next - t) * Math.abs(xs[(int) i] - ys[(int) j]);
            t = next;
            if (t == (i + 1) * m) {
                i++;
            }
            if (t == (j + 1) * n) {
                j++;
            }
        }
        return total / end;
    }

    private static FloatImageSet images(String name, ImageShape shape, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pixels = new float[n * shape.values()];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (float) rng.nextDouble();
        }
        return new FloatImageSet(name, shape, pixels);
    }
}
