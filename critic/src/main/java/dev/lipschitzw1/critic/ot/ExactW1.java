package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.datasets.ImageSet;
import java.util.Arrays;

/**
 * Exact Wasserstein-1 distance between finite point sets under the Euclidean (L2) ground metric:
 * <pre>  W1(μ, ν) = min_{π ∈ Π(a, b)} Σ_ij π_ij ‖x_i − y_j‖₂,   μ = Σ a_i δ_{x_i},  ν = Σ b_j δ_{y_j}  </pre>
 * Dispatch: equal sizes with uniform weights → {@link JonkerVolgenantAssignment} (an optimal plan is a permutation,
 * W1 = mean assigned cost); anything else → {@link NetworkSimplexTransport} (uniform weights of unequal sets are
 * passed as the integers a_i = m, b_j = n and the cost divided by n·m, so no flow is rounded). Costs come from
 * {@link CostMatrix#euclidean} in double. Images are compared as flattened C·H·W vectors (pixels in [0, 1]).
 * Cost: O(n·m·d) for the matrix, then O(n³) worst case (assignment) or the network simplex; memory 8·n·m bytes.
 * This is the ground truth the estimators are checked against on small sets; it is exact up to rounding.
 */
public final class ExactW1 {
    /** Method name of the equal-size uniform case. */
    public static final String ASSIGNMENT = "jonker-volgenant";
    /** Method name of the general case. */
    public static final String NETWORK_SIMPLEX = "network-simplex";

    private ExactW1() {
    }

    /**
     * W1 between the uniform distributions on the rows of x (n×d) and of y (m×d).
     * @throws dev.lipschitzw1.errors.InvalidConfigException if a set is empty
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if the dimensions differ (or rows are ragged)
     * @throws dev.lipschitzw1.errors.NonFiniteValueException naming the set, row and column of a NaN/∞ coordinate
     */
    public static ExactW1Result between(double[][] x, double[][] y) {
        long start = System.nanoTime();
        return uniform(CostMatrix.euclidean(x, y), start);
    }

    /**
     * W1 between Σ a_i δ_{x_i} and Σ b_j δ_{y_j}, always by the network simplex. Weights are finite, ≥ 0 and balance
     * (Σa = Σb up to {@link NetworkSimplexTransport#BALANCE_TOLERANCE} relative); W1 is reported for the weights as
     * given, so normalise them to 1 for probability measures.
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if a weight vector does not match its point set
     * @throws dev.lipschitzw1.errors.InvalidConfigException for negative, all-zero or unbalanced weights
     */
    public static ExactW1Result between(double[][] x, double[] a, double[][] y, double[] b) {
        long start = System.nanoTime();
        return weighted(CostMatrix.euclidean(x, y), a, b, start);
    }

    /**
     * W1 between two image sets as uniform distributions over their images (flattened, pixels in [0, 1]).
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if the image shapes (C, H, W) differ
     */
    public static ExactW1Result between(ImageSet p, ImageSet q) {
        long start = System.nanoTime();
        return uniform(CostMatrix.euclidean(p, q), start);
    }

    /** W1 for a given cost matrix with uniform weights 1/n and 1/m (e.g. from ND4J arrays). */
    public static ExactW1Result between(CostMatrix cost) {
        return uniform(cost, System.nanoTime());
    }

    /** W1 for a given cost matrix and weights (see {@link #between(double[][], double[], double[][], double[])}). */
    public static ExactW1Result between(CostMatrix cost, double[] a, double[] b) {
        return weighted(cost, a, b, System.nanoTime());
    }

    /**
     * The optimal plan and the optimal critic between the uniform distributions on the rows of x (n×d) and of y
     * (m×d): {@link OptimalTransport}. Costs one more m×m distance matrix than {@link #between(double[][],
     * double[][])} for the critic's values on y.
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if the dimensions differ (or rows are ragged)
     * @throws dev.lipschitzw1.errors.NonFiniteValueException naming the set, row and column of a NaN/∞ coordinate
     */
    public static OptimalTransport transport(double[][] x, double[][] y) {
        long start = System.nanoTime();
        PointSet ys = PointSet.of("y", y);
        CostMatrix cost = CostMatrix.euclidean(PointSet.of("x", x), ys);
        return withCritic(uniformSolution(cost, start), ys, cost);
    }

    /**
     * The optimal plan and critic between Σ a_i δ_{x_i} and Σ b_j δ_{y_j} (weights as in
     * {@link #between(double[][], double[], double[][], double[])}).
     */
    public static OptimalTransport transport(double[][] x, double[] a, double[][] y, double[] b) {
        long start = System.nanoTime();
        PointSet ys = PointSet.of("y", y);
        CostMatrix cost = CostMatrix.euclidean(PointSet.of("x", x), ys);
        return withCritic(weightedSolution(cost, a, b, start), ys, cost);
    }

    /**
     * The optimal plan and critic between two image sets as uniform distributions over their images (flattened,
     * pixels in [0, 1]); the critic's {@link KantorovichPotential#at} takes a flattened C·H·W image.
     * @throws dev.lipschitzw1.errors.ShapeMismatchException if the image shapes (C, H, W) differ
     */
    public static OptimalTransport transport(ImageSet p, ImageSet q) {
        long start = System.nanoTime();
        PointSet ys = PointSet.of(q);
        CostMatrix cost = CostMatrix.euclidean(p, q);
        return withCritic(uniformSolution(cost, start), ys, cost);
    }

    private static ExactW1Result uniform(CostMatrix cost, long start) {
        return uniformSolution(cost, start).result();
    }

    private static ExactW1Result weighted(CostMatrix cost, double[] a, double[] b, long start) {
        return weightedSolution(cost, a, b, start).result();
    }

    /** Uniform weights: an assignment for n = m (masses 1/n), else the simplex on integer masses m and n, rescaled. */
    private static Solution uniformSolution(CostMatrix cost, long start) {
        int n = cost.rows();
        int m = cost.cols();
        if (n == m) {
            JonkerVolgenantAssignment.Solution s = JonkerVolgenantAssignment.solveWithDuals(cost);
            int[] rows = new int[n];
            double[] mass = new double[n];
            Arrays.setAll(rows, i -> i);
            Arrays.fill(mass, 1.0 / n);
            double value = s.assignment().meanCost();
            TransportPlan plan = new TransportPlan(value, rows, s.assignment().rowToColumn(), mass, 0);
            return new Solution(new ExactW1Result(value, n, m, ASSIGNMENT, seconds(start)), plan,
                    s.columnPotentials());
        }
        double[] a = new double[n];
        double[] b = new double[m];
        Arrays.fill(a, m);
        Arrays.fill(b, n);
        NetworkSimplexTransport.Solution s = NetworkSimplexTransport.solveWithDuals(cost, a, b);
        double scale = 1.0 / ((double) n * m);
        TransportPlan integer = s.plan();
        double[] mass = integer.mass();
        for (int k = 0; k < mass.length; k++) {
            mass[k] *= scale;
        }
        double value = integer.cost() * scale;
        TransportPlan plan = new TransportPlan(value, integer.rows(), integer.cols(), mass, integer.pivots());
        return new Solution(new ExactW1Result(value, n, m, NETWORK_SIMPLEX, seconds(start)), plan,
                s.targetPotentials());
    }

    private static Solution weightedSolution(CostMatrix cost, double[] a, double[] b, long start) {
        NetworkSimplexTransport.Solution s = NetworkSimplexTransport.solveWithDuals(cost, a, b);
        double value = s.plan().cost();
        return new Solution(new ExactW1Result(value, cost.rows(), cost.cols(), NETWORK_SIMPLEX, seconds(start)),
                s.plan(), s.targetPotentials());
    }

    private static OptimalTransport withCritic(Solution s, PointSet targets, CostMatrix cost) {
        return new OptimalTransport(s.result(), s.plan(), new KantorovichPotential(targets, s.psi(), cost));
    }

    /** The value, the plan and the target potentials ψ of an optimal dual solution. */
    private record Solution(ExactW1Result result, TransportPlan plan, double[] psi) { }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
