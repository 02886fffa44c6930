package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.errors.W1Exception;
import java.util.Arrays;

/**
 * Exact linear assignment on a dense n×n cost matrix by the Jonker–Volgenant algorithm (LAPJV; Jonker &amp;
 * Volgenant 1987, Computing 38:325–340): find the permutation σ minimising
 * <pre>  Σ_i C_{i,σ(i)}   subject to σ a permutation of 0…n−1  </pre>
 * keeping column potentials v and the implicit row potentials u_i = C_{i,σ(i)} − v_{σ(i)} dual feasible
 * (C_ij − u_i − v_j ≥ 0, with equality on assigned pairs), so the result is optimal, not approximate. Phases:
 * <ol>
 *   <li>column reduction with reduction transfer: v_j = min_i C_ij, each column to its minimising row when free;</li>
 *   <li>two passes of augmenting row reduction (an auction-like step that lowers v_j by the gap between the best and
 *       second-best reduced cost of a free row), each limited to as many reductions as there were free rows at its
 *       start: on near-constant costs (distances between points in high dimension) an unlimited pass turns into an
 *       auction with tiny bids (measured 20× slower than the whole solve at n = 2000, R^784);</li>
 *   <li>for each remaining free row, a Dijkstra-like shortest augmenting path on the reduced costs C_ij − v_j − u_i
 *       (all columns of equal distance scanned together), then v_j += d_j − d_min on the finished columns.</li>
 * </ol>
 * Cost O(n³) in the worst case (O(n²) per augmentation), typically far less after the reductions; memory: the cost
 * matrix (read-only, row-major, cache-friendly row scans) plus O(n). Optimality holds up to floating-point rounding
 * of the potentials (relative errors of order n·ε in the total). Ties are resolved deterministically.
 */
public final class JonkerVolgenantAssignment {
    private final double[] c;
    private final int n;
    private final int[] rowToCol;
    private final int[] colToRow;
    private final double[] v;
    private final int[] free;
    private final int[] col;
    private final double[] dist;
    private final double[] vAt;
    private final int[] pred;

    private JonkerVolgenantAssignment(double[] c, int n) {
        this.c = c;
        this.n = n;
        this.rowToCol = new int[n];
        this.colToRow = new int[n];
        this.v = new double[n];
        this.free = new int[n];
        this.col = new int[n];
        this.dist = new double[n];
        this.vAt = new double[n];
        this.pred = new int[n];
    }

    /**
     * The minimum-cost perfect assignment for a square cost matrix.
     * @param cost n×n, n ≥ 1
     * @return σ and Σ_i C_{i,σ(i)}
     * @throws ShapeMismatchException if the matrix is not square
     */
    public static Assignment solve(CostMatrix cost) {
        return solveWithDuals(cost).assignment();
    }

    /**
     * The assignment (as {@link #solve}) with its column potentials v: C_ij − u_i − v_j ≥ 0 for all i, j with
     * u_i = C_{i,σ(i)} − v_{σ(i)}, equality on assigned pairs, so (u, v) solves the dual LP
     * max Σ u_i + Σ v_j s.t. u_i + v_j ≤ C_ij (up to rounding).
     */
    static Solution solveWithDuals(CostMatrix cost) {
        if (cost.rows() != cost.cols()) {
            throw new ShapeMismatchException("JonkerVolgenantAssignment: the assignment needs a square cost matrix "
                    + "(use NetworkSimplexTransport for unequal sizes)", new int[] {cost.rows(), cost.rows()},
                    new int[] {cost.rows(), cost.cols()});
        }
        double[] c = cost.values();
        int n = cost.rows();
        if (n == 1) {
            return new Solution(new Assignment(new int[] {0}, c[0]), new double[] {0});
        }
        JonkerVolgenantAssignment solver = new JonkerVolgenantAssignment(c, n);
        int freeRows = solver.columnReduction();
        for (int pass = 0; pass < 2 && freeRows > 0; pass++) {
            freeRows = solver.augmentingRowReduction(freeRows);
        }
        for (int k = 0; k < freeRows; k++) {
            solver.augment(solver.free[k]);
        }
        CompensatedSum total = new CompensatedSum();
        for (int i = 0; i < n; i++) {
            total.add(c[i * n + solver.rowToCol[i]]);
        }
        return new Solution(new Assignment(solver.rowToCol, total.value()), solver.v.clone());
    }

    /** An optimal assignment and the column potentials v of an optimal dual solution. */
    record Solution(Assignment assignment, double[] columnPotentials) { }

    /** Phase 1. Returns the number of free rows, listed in {@code free}. */
    private int columnReduction() {
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        Arrays.fill(rowToCol, -1);
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                if (c[row + j] < v[j]) {
                    v[j] = c[row + j];
                    colToRow[j] = i;
                }
            }
        }
        boolean[] unique = new boolean[n];
        Arrays.fill(unique, true);
        for (int j = n - 1; j >= 0; j--) {
            int i = colToRow[j];
            if (rowToCol[i] < 0) {
                rowToCol[i] = j;
            } else {
                unique[i] = false;
                colToRow[j] = -1;
            }
        }
        int freeRows = 0;
        for (int i = 0; i < n; i++) {
            if (rowToCol[i] < 0) {
                free[freeRows++] = i;
            } else if (unique[i]) {
                int j1 = rowToCol[i];
                int row = i * n;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j != j1) {
                        min = Math.min(min, c[row + j] - v[j]);
                    }
                }
                v[j1] -= min;
            }
        }
        return freeRows;
    }

    /**
     * Phase 2, one pass over the free rows: at most {@code freeRows} reductions that may lower v (JV's own bound is
     * current·n), after which each remaining row takes its best column. Returns the rows still free, in {@code free}.
     */
    private int augmentingRowReduction(int freeRows) {
        int current = 0;
        int stillFree = 0;
        long steps = 0;
        while (current < freeRows) {
            steps++;
            int i = free[current++];
            int row = i * n;
            int j1 = 0;
            double u1 = c[row] - v[0];
            int j2 = -1;
            double u2 = Double.POSITIVE_INFINITY;
            for (int j = 1; j < n; j++) {
                double h = c[row + j] - v[j];
                if (h < u2) {
                    if (h >= u1) {
                        u2 = h;
                        j2 = j;
                    } else {
                        u2 = u1;
                        u1 = h;
                        j2 = j1;
                        j1 = j;
                    }
                }
            }
            int i0 = colToRow[j1];
            double lowered = v[j1] - (u2 - u1);
            boolean lowers = lowered < v[j1];
            if (steps < Math.min((long) current * n, freeRows)) {
                if (lowers) {
                    v[j1] = lowered;
                } else if (i0 >= 0 && j2 >= 0) {
                    j1 = j2;
                    i0 = colToRow[j2];
                }
                if (i0 >= 0) {
                    if (lowers) {
                        free[--current] = i0;
                    } else {
                        free[stillFree++] = i0;
                    }
                }
            } else if (i0 >= 0) {
                free[stillFree++] = i0;
            }
            rowToCol[i] = j1;
            colToRow[j1] = i;
        }
        return stillFree;
    }

    /** Phase 3 for one free row: shortest augmenting path, potential update, then flip the path. */
    private void augment(int start) {
        int j = shortestPath(start);
        for (int steps = 0; ; steps++) {
            if (steps > n) {
                throw new W1Exception("JonkerVolgenantAssignment: augmenting path from row " + start
                        + " longer than n = " + n + " (corrupt predecessor chain)");
            }
            int i = pred[j];
            colToRow[j] = i;
            int previous = rowToCol[i];
            rowToCol[i] = j;
            j = previous;
            if (i == start) {
                return;
            }
        }
    }

    /**
     * Dijkstra on reduced costs from row {@code start}. Slot k holds column {@code col[k]} with its distance
     * {@code dist[k]} and potential {@code vAt[k]} side by side (one gather per scanned entry, the cost itself);
     * slots are ordered [finished | to scan | to do]. Returns the free column reached first after updating v on the
     * finished columns.
     */
    private int shortestPath(int start) {
        int row = start * n;
        for (int j = 0; j < n; j++) {
            col[j] = j;
            vAt[j] = v[j];
            dist[j] = c[row + j] - v[j];
            pred[j] = start;
        }
        int lo = 0;
        int hi = 0;
        while (true) {
            int ready = lo;
            double min = dist[lo];
            hi = lo + 1;
            for (int k = hi; k < n; k++) {
                double dk = dist[k];
                if (dk <= min) {
                    if (dk < min) {
                        hi = lo;
                        min = dk;
                    }
                    swap(k, hi++);
                }
            }
            for (int k = lo; k < hi; k++) {
                if (colToRow[col[k]] < 0) {
                    return finish(ready, min, col[k]);
                }
            }
            while (lo != hi) {
                int i = colToRow[col[lo]];
                int rowI = i * n;
                double h = c[rowI + col[lo]] - vAt[lo] - min;
                lo++;
                for (int k = hi; k < n; k++) {
                    double reduced = c[rowI + col[k]] - vAt[k] - h;
                    if (reduced < dist[k]) {
                        dist[k] = reduced;
                        pred[col[k]] = i;
                        if (reduced == min) {
                            if (colToRow[col[k]] < 0) {
                                return finish(ready, min, col[k]);
                            }
                            swap(k, hi++);
                        }
                    }
                }
            }
        }
    }

    private void swap(int p, int q) {
        int j = col[p];
        col[p] = col[q];
        col[q] = j;
        double t = dist[p];
        dist[p] = dist[q];
        dist[q] = t;
        t = vAt[p];
        vAt[p] = vAt[q];
        vAt[q] = t;
    }

    private int finish(int ready, double min, int freeColumn) {
        for (int k = 0; k < ready; k++) {
            v[col[k]] += dist[k] - min;
        }
        return freeColumn;
    }
}
