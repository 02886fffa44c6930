package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NonFiniteValueException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkSimplexTransportTest {

    @Test
    void networkSimplex_equalsAssignment_uniformEqualSizes() {
        for (int n : new int[] {1, 2, 5, 30, 120}) {
            for (long seed = 0; seed < 3; seed++) {
                CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(n, 784, seed),
                        OtOracles.uniformPoints(n, 784, seed + 1000));
                double want = JonkerVolgenantAssignment.solve(cost).meanCost();
                double[] w = new double[n];
                Arrays.fill(w, 1.0 / n);
                TransportPlan plan = NetworkSimplexTransport.solve(cost, w, w);
                assertEquals(want, plan.cost(), 1e-12 * want, "n = " + n + ", seed " + seed + ", weights 1/n");
                assertMarginals(plan, w, w, 1e-15);
            }
        }
    }

    @Test
    void networkSimplex_equalsCommonsMathLp_tinyWeighted() {
        for (long seed = 0; seed < 12; seed++) {
            int n = 1 + (int) (seed % 5);
            int m = 1 + (int) ((seed * 7 + 3) % 6);
            int d = seed % 3 == 0 ? 1 : 4;
            CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(n, d, seed),
                    OtOracles.uniformPoints(m, d, seed + 77));
            double[] a = OtOracles.randomWeights(n, seed + 5);
            double[] b = OtOracles.randomWeights(m, seed + 9);
            double want = OtOracles.linearProgram(cost, a, b);
            TransportPlan plan = NetworkSimplexTransport.solve(cost, a, b);
            assertEquals(want, plan.cost(), 1e-10 * Math.max(want, 1e-3), "n = " + n + ", m = " + m + ", seed " + seed);
            assertMarginals(plan, a, b, 1e-14);
            assertTrue(plan.entries() <= n + m - 1, "a basic plan has at most n + m − 1 entries");
        }
    }

    @Test
    void networkSimplex_equalsCommonsMathLp_integerCostsWithTies() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(5);
            int m = 2 + rng.nextInt(5);
            double[] values = new double[n * m];
            Arrays.setAll(values, p -> rng.nextInt(3));
            CostMatrix cost = CostMatrix.ofValues(values, n, m);
            double[] a = new double[n];
            double[] b = new double[m];
            Arrays.fill(a, m);
            Arrays.fill(b, n);
            double want = OtOracles.linearProgram(cost, a, b);
            assertEquals(want, NetworkSimplexTransport.solve(cost, a, b).cost(), 1e-9, "integer costs, trial " + trial);
        }
    }

    @Test
    void networkSimplex_zeroWeights_equalDroppingThosePoints() {
        double[][] x = OtOracles.uniformPoints(6, 3, 1);
        double[][] y = OtOracles.uniformPoints(5, 3, 2);
        double[] a = {0.2, 0, 0.3, 0.1, 0, 0.4};
        double[] b = {0.25, 0.25, 0, 0.25, 0.25};
        double[][] xKept = {x[0], x[2], x[3], x[5]};
        double[][] yKept = {y[0], y[1], y[3], y[4]};
        double want = NetworkSimplexTransport.solve(CostMatrix.euclidean(xKept, yKept), new double[] {0.2, 0.3, 0.1, 0.4},
                new double[] {0.25, 0.25, 0.25, 0.25}).cost();
        TransportPlan plan = NetworkSimplexTransport.solve(CostMatrix.euclidean(x, y), a, b);
        assertEquals(want, plan.cost(), 1e-15, "zero-weight points carry nothing");
        assertMarginals(plan, a, b, 1e-15);
    }

    @Test
    void networkSimplex_unnormalisedBalancedWeights_scaleTheCost() {
        CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(7, 2, 4), OtOracles.uniformPoints(9, 2, 5));
        double[] a = OtOracles.randomWeights(7, 1);
        double[] b = OtOracles.randomWeights(9, 2);
        double unit = NetworkSimplexTransport.solve(cost, a, b).cost();
        double[] a3 = Arrays.stream(a).map(v -> 3 * v).toArray();
        double[] b3 = Arrays.stream(b).map(v -> 3 * v).toArray();
        assertEquals(3 * unit, NetworkSimplexTransport.solve(cost, a3, b3).cost(), 1e-13, "cost is linear in mass");
    }

    @Test
    void networkSimplex_unbalancedWeights_throwInvalidConfigNamingSums() {
        CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(3, 2, 1), OtOracles.uniformPoints(2, 2, 2));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> NetworkSimplexTransport.solve(cost, new double[] {0.25, 0.25, 0.25}, new double[] {0.5, 0.5}));
        assertEquals("b.sum", e.key(), "key");
        assertEquals(1.0, (Double) e.found(), 0.0, "found Σb");
        assertTrue(e.getMessage().contains("Σa = 0.75"), "message names Σa: " + e.getMessage());
    }

    @Test
    void networkSimplex_badWeights_throwTypedErrors() {
        CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(3, 2, 1), OtOracles.uniformPoints(2, 2, 2));
        double[] b = {0.5, 0.5};
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class,
                () -> NetworkSimplexTransport.solve(cost, new double[] {0.5, Double.NaN, 0.5}, b));
        assertEquals("a", nan.where(), "where");
        assertEquals(1, nan.row(), "row of the NaN weight");
        InvalidConfigException negative = assertThrows(InvalidConfigException.class,
                () -> NetworkSimplexTransport.solve(cost, new double[] {0.7, -0.2, 0.5}, b));
        assertEquals("a[1]", negative.key(), "negative weight named");
        InvalidConfigException zero = assertThrows(InvalidConfigException.class,
                () -> NetworkSimplexTransport.solve(cost, new double[3], new double[2]));
        assertEquals("a.sum", zero.key(), "all-zero weights");
        ShapeMismatchException shape = assertThrows(ShapeMismatchException.class,
                () -> NetworkSimplexTransport.solve(cost, new double[] {0.5, 0.5}, b));
        assertEquals(3, shape.expected()[0], "expected one weight per row");
        assertEquals(2, shape.found()[0], "found length");
    }

    static void assertMarginals(TransportPlan plan, double[] a, double[] b, double relativeTolerance) {
        double[] rows = new double[a.length];
        double[] cols = new double[b.length];
        int[] r = plan.rows();
        int[] c = plan.cols();
        double[] mass = plan.mass();
        for (int k = 0; k < mass.length; k++) {
            assertTrue(mass[k] > 0, "plan entries are positive");
            rows[r[k]] += mass[k];
            cols[c[k]] += mass[k];
        }
        double total = Arrays.stream(a).sum();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], rows[i], relativeTolerance * total * a.length, "row sum " + i);
        }
        for (int j = 0; j < b.length; j++) {
            assertEquals(b[j], cols[j], relativeTolerance * total * b.length, "column sum " + j);
        }
    }
}
