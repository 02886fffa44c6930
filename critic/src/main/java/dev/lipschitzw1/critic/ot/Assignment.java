package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * An optimal assignment of n rows to n columns: row i goes to column σ(i) = {@code column(i)}, a permutation, with
 * total cost Σ_i C_{i,σ(i)} (compensated summation). For a cost matrix of distances between two n-point sets with
 * uniform weights 1/n, W1 = {@link #meanCost()} = total / n (Birkhoff: an optimal plan is a permutation).
 * @param rowToColumn σ as an array (copied in and out)
 * @param totalCost Σ_i C_{i,σ(i)}
 */
public record Assignment(int[] rowToColumn, double totalCost) {
    public Assignment {
        InvalidConfigException.require(rowToColumn.length >= 1, "assignment.size", rowToColumn.length, "≥ 1");
        InvalidConfigException.require(Double.isFinite(totalCost), "assignment.totalCost", totalCost, "finite");
        rowToColumn = rowToColumn.clone();
    }

    @Override
    public int[] rowToColumn() {
        return rowToColumn.clone();
    }

    /** σ(i), the column assigned to row i. */
    public int column(int row) {
        return rowToColumn[row];
    }

    /** Number of rows n. */
    public int size() {
        return rowToColumn.length;
    }

    /** Σ_i C_{i,σ(i)} / n: the Wasserstein-1 distance when C holds distances and both weights are uniform. */
    public double meanCost() {
        return totalCost / rowToColumn.length;
    }
}
