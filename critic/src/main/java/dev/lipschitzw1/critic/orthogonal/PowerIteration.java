package dev.lipschitzw1.critic.orthogonal;

import java.util.SplittableRandom;

/**
 * Power iteration for the largest singular value of a dense matrix, in double:
 * <pre>  G = AᵀA (A transposed first when it has fewer rows than columns),   v₀ fixed,   v_{t+1} = G v_t / ‖G v_t‖,
 *   σ̂ = √(v_Tᵀ G v_T)  </pre>
 * An <em>estimate</em> from below (σ̂ ≤ σ_max for any unit v): suitable for Björck pre-scaling, not for certification
 * (use {@code certify.DenseCertifier}). The start vector is a fixed pseudo-random unit vector (seed
 * {@value #START_SEED}), shared with the eager pre-scaling in {@link BjorckStack} so both compute the same σ̂.
 * Cost O(m·n² + T·n²).
 */
public final class PowerIteration {

    /** Seed of the fixed start vector. */
    static final long START_SEED = 0x5EEDB0C0L;

    private PowerIteration() {
    }

    /**
     * Estimates σ_max(a) with {@code steps} steps on the Gram matrix.
     *
     * @param a     m×n, rectangular either way
     * @param steps ≥ 1
     * @return σ̂ ≤ σ_max(a)
     */
    public static double sigmaMax(double[][] a, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("power iteration steps must be ≥ 1, got " + steps);
        }
        double[][] g = DenseMath.gramOfTall(a);
        int n = g.length;
        double[] v = startVector(n);
        for (int t = 0; t < steps; t++) {
            double[] w = DenseMath.multiply(g, v);
            double norm = Math.sqrt(DenseMath.dot(w, w));
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        return Math.sqrt(Math.max(0, DenseMath.dot(v, DenseMath.multiply(g, v))));
    }

    /**
     * vᵀGv after {@code steps} power-iteration steps v ← Gv/‖Gv‖ from {@link #startVector}, for the n×n Gram matrix
     * stored row-major in {@code g} from {@code offset}: σ̂² of the matrix whose Gram G is, as {@link #sigmaMax} (0 when
     * G v vanishes).
     */
    public static double rayleighQuotient(double[] g, int offset, int n, int steps) {
        double[] v = startVector(n);
        double[] w = new double[n];
        for (int t = 0; t < steps; t++) {
            multiply(g, offset, n, v, w);
            double norm = Math.sqrt(DenseMath.dot(w, w));
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        multiply(g, offset, n, v, w);
        return Math.max(0, DenseMath.dot(v, w));
    }

    private static void multiply(double[] g, int offset, int n, double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = offset + i * n;
            for (int j = 0; j < n; j++) {
                s += g[row + j] * v[j];
            }
            out[i] = s;
        }
    }

    /** The fixed unit start vector of length n (entries uniform in [−1, 1), seed {@value #START_SEED}, normalised). */
    static double[] startVector(int n) {
        SplittableRandom rng = new SplittableRandom(START_SEED);
        double[] v = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
            s += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
