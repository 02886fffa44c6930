package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * An optimal transport plan in sparse form: mass {@code mass[k]} moves from source {@code rows[k]} to target
 * {@code cols[k]}; all other entries of π are 0. A basic optimal solution has at most n + m − 1 nonzero entries.
 * <pre>  cost = Σ_ij π_ij C_ij = Σ_k mass[k] · C_{rows[k], cols[k]}  </pre>
 * Arrays are copied in and out.
 * @param cost Σ π_ij C_ij in the units of the weights given (compensated summation)
 * @param rows source index of each nonzero entry
 * @param cols target index of each nonzero entry
 * @param mass π at that entry, &gt; 0
 * @param pivots number of simplex pivots that produced it
 */
public record TransportPlan(double cost, int[] rows, int[] cols, double[] mass, long pivots) {
    public TransportPlan {
        if (rows.length != cols.length || rows.length != mass.length) {
            throw new ShapeMismatchException("TransportPlan: rows, cols, mass", new int[] {rows.length, rows.length,
                rows.length}, new int[] {rows.length, cols.length, mass.length});
        }
        InvalidConfigException.require(Double.isFinite(cost), "transportPlan.cost", cost, "finite");
        rows = rows.clone();
        cols = cols.clone();
        mass = mass.clone();
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public int[] cols() {
        return cols.clone();
    }

    @Override
    public double[] mass() {
        return mass.clone();
    }

    /** Number of nonzero entries of π. */
    public int entries() {
        return mass.length;
    }
}
