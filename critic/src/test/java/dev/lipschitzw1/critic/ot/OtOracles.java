package dev.lipschitzw1.critic.ot;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/** Independent oracles and seeded data for the exact-OT tests. */
final class OtOracles {
    private OtOracles() {
    }

    /** n points uniform in [0, 1]^d from a fixed seed. */
    static double[][] uniformPoints(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextDouble();
            }
        }
        return x;
    }

    /** Positive weights summing to 1 (up to rounding) from a fixed seed. */
    static double[] randomWeights(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.05 + rng.nextDouble();
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** min over all n! permutations σ of Σ_i C_{i,σ(i)} (Heap's algorithm), n ≤ 9. */
    static double bruteForceAssignment(CostMatrix cost) {
        int n = cost.rows();
        int[] perm = new int[n];
        int[] counters = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = total(cost, perm);
        int i = 0;
        while (i < n) {
            if (counters[i] < i) {
                int swap = i % 2 == 0 ? 0 : counters[i];
                int t = perm[swap];
                perm[swap] = perm[i];
                perm[i] = t;
                best = Math.min(best, total(cost, perm));
                counters[i]++;
                i = 0;
            } else {
                counters[i] = 0;
                i++;
            }
        }
        return best;
    }

    private static double total(CostMatrix cost, int[] perm) {
        double s = 0;
        for (int i = 0; i < perm.length; i++) {
            s += cost.get(i, perm[i]);
        }
        return s;
    }

    /** min Σ π_ij C_ij over the transport polytope, by Commons Math's dense simplex (an independent LP solver). */
    static double linearProgram(CostMatrix cost, double[] a, double[] b) {
        int n = cost.rows();
        int m = cost.cols();
        double[] objective = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                objective[i * m + j] = cost.get(i, j);
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] row = new double[n * m];
            for (int j = 0; j < m; j++) {
                row[i * m + j] = 1;
            }
            constraints.add(new LinearConstraint(row, Relationship.EQ, a[i]));
        }
        for (int j = 0; j + 1 < m; j++) { // the last column sum is implied by the others
            double[] col = new double[n * m];
            for (int i = 0; i < n; i++) {
                col[i * m + j] = 1;
            }
            constraints.add(new LinearConstraint(col, Relationship.EQ, b[j]));
        }
        PointValuePair optimum = new SimplexSolver(1e-12, 10, 1e-15).optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MINIMIZE,
                new NonNegativeConstraint(true));
        return optimum.getValue();
    }
}
