package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * The optimal critic between two finite point sets, from the exact optimal transport's dual: the c-transform of the
 * optimal target potentials ψ (one per point y_j of positive weight),
 * <pre>  f(z) = min_{j : b_j &gt; 0} ( ‖z − y_j‖₂ − ψ_j ).  </pre>
 * Why it is optimal: f is 1-Lipschitz on all of R^d (a minimum of 1-Lipschitz functions); dual feasibility
 * φ_i ≤ C_ij − ψ_j gives f(x_i) ≥ φ_i, and the term k = j gives f(y_j) ≤ −ψ_j, so
 * <pre>  Σ a_i f(x_i) − Σ b_j f(y_j) ≥ Σ a_i φ_i + Σ b_j ψ_j = W1  </pre>
 * (LP duality), while Kantorovich–Rubinstein bounds the left side by W1 for every 1-Lipschitz f: f attains the
 * supremum that a trained critic approximates. It is determined up to an additive constant on the samples (here
 * fixed by the solver's normalisation) and is one 1-Lipschitz extension among many away from them.
 * Immutable; {@link #at} costs O(m·d).
 */
public final class KantorovichPotential {
    private final PointSet targets;
    private final double[] psi;
    private final double[] onFirst;
    private final double[] onSecond;

    /**
     * @param targets the points y_j
     * @param psi     ψ_j, NaN for points of zero weight (left out of the minimum)
     * @param cost    C_ij = ‖x_i − y_j‖ of the first set x against {@code targets}
     */
    KantorovichPotential(PointSet targets, double[] psi, CostMatrix cost) {
        this.targets = targets;
        this.psi = psi.clone();
        this.onFirst = cTransform(cost, this.psi);
        this.onSecond = cTransform(CostMatrix.euclidean(targets, targets), this.psi);
    }

    /** f(x_i) for each point of the first set, in order. */
    public double[] onFirst() {
        return onFirst.clone();
    }

    /** f(y_j) for each point of the second set, in order (also for points of zero weight). */
    public double[] onSecond() {
        return onSecond.clone();
    }

    /**
     * f(z) at any point of R^d.
     *
     * @throws ShapeMismatchException if z has another dimension than the points
     */
    public double at(double[] z) {
        int d = targets.dim();
        if (z.length != d) {
            throw new ShapeMismatchException("KantorovichPotential.at", new int[] {d}, new int[] {z.length});
        }
        double[] y = targets.data();
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < psi.length; j++) {
            if (Double.isNaN(psi[j])) {
                continue;
            }
            double s = 0;
            for (int k = 0, o = j * d; k < d; k++) {
                double t = z[k] - y[o + k];
                s += t * t;
            }
            best = Math.min(best, Math.sqrt(s) - psi[j]);
        }
        return best;
    }

    /** Row minima of C_ij − ψ_j over the columns of finite ψ. */
    private static double[] cTransform(CostMatrix cost, double[] psi) {
        double[] out = new double[cost.rows()];
        for (int i = 0; i < out.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < psi.length; j++) {
                if (!Double.isNaN(psi[j])) {
                    best = Math.min(best, cost.get(i, j) - psi[j]);
                }
            }
            out[i] = best;
        }
        return out;
    }
}
