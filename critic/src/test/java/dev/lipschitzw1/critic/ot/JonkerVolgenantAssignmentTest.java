package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JonkerVolgenantAssignmentTest {

    @Test
    void assignment_equalsBruteForce_n1to8_euclidean() {
        for (int n = 1; n <= 8; n++) {
            for (long seed = 0; seed < 4; seed++) {
                int d = seed % 2 == 0 ? 3 : 784;
                CostMatrix cost = CostMatrix.euclidean(OtOracles.uniformPoints(n, d, 100 * n + seed),
                        OtOracles.uniformPoints(n, d, 100 * n + seed + 50));
                double want = OtOracles.bruteForceAssignment(cost);
                Assignment got = JonkerVolgenantAssignment.solve(cost);
                assertEquals(want, got.totalCost(), 1e-12 * want, "n = " + n + ", d = " + d + ", seed " + seed);
                assertPermutation(got);
            }
        }
    }

    @Test
    void assignment_equalsBruteForce_n8_integerCostsWithTies() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + trial % 7;
            double[] values = new double[n * n];
            for (int p = 0; p < values.length; p++) {
                values[p] = rng.nextInt(3);
            }
            CostMatrix cost = CostMatrix.ofValues(values, n, n);
            Assignment got = JonkerVolgenantAssignment.solve(cost);
            assertEquals(OtOracles.bruteForceAssignment(cost), got.totalCost(), 0.0, "integer costs, trial " + trial);
            assertPermutation(got);
        }
    }

    @Test
    void assignment_equalsNetworkSimplex_n150_randomCosts() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 150;
        double[] values = new double[n * n];
        Arrays.setAll(values, p -> rng.nextDouble() * 100);
        CostMatrix cost = CostMatrix.ofValues(values, n, n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double want = NetworkSimplexTransport.solve(cost, ones, ones).cost();
        assertEquals(want, JonkerVolgenantAssignment.solve(cost).totalCost(), 1e-12 * want, "random 150×150 costs");
    }

    @Test
    void assignment_equalsNetworkSimplex_n200_integerCostsWithTies() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int levels : new int[] {2, 4, 50}) {
            int n = 200;
            double[] values = new double[n * n];
            Arrays.setAll(values, p -> rng.nextInt(levels));
            CostMatrix cost = CostMatrix.ofValues(values, n, n);
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            double want = NetworkSimplexTransport.solve(cost, ones, ones).cost();
            Assignment got = JonkerVolgenantAssignment.solve(cost);
            assertEquals(want, got.totalCost(), 0.0, "integer costs in 0.." + (levels - 1));
            assertPermutation(got);
        }
    }

    @Test
    void assignment_identityIsOptimal_forDiagonalZeroCosts() {
        int n = 64;
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i * n + j] = i == j ? 0 : 1 + Math.abs(i - j);
            }
        }
        Assignment got = JonkerVolgenantAssignment.solve(CostMatrix.ofValues(values, n, n));
        assertEquals(0.0, got.totalCost(), 0.0, "zero diagonal");
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, got.rowToColumn(), "identity permutation");
    }

    @Test
    void assignment_nonSquare_throwsShapeMismatch() {
        CostMatrix cost = CostMatrix.ofValues(new double[6], 2, 3);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> JonkerVolgenantAssignment.solve(cost));
        assertArrayEquals(new int[] {2, 3}, e.found(), "found shape");
    }

    static void assertPermutation(Assignment a) {
        boolean[] seen = new boolean[a.size()];
        for (int i = 0; i < a.size(); i++) {
            seen[a.column(i)] = true;
        }
        for (boolean s : seen) {
            assertEquals(true, s, "every column assigned once");
        }
    }
}
