package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Björck orthonormalisation (Björck &amp; Bowie 1971; Anil et al. 2019), first order, in double (the eager
 * ND4J form with its backward pass is {@link BjorckStack}):
 * <pre>  W₀ = W / s,   W_{t+1} = W_t ((1 + β)·I − β·W_tᵀ W_t) = (1 + β)·W_t − β·W_t (W_tᵀ W_t)  </pre>
 * for W of shape m×n with m ≥ n; a wide W (m &lt; n) is transposed, orthonormalised and transposed back, so the result
 * has orthonormal columns (tall) or orthonormal rows (wide). Converges to the orthogonal polar factor of W when every
 * singular value of W₀ lies in (0, √3); s is set by {@link BjorckConfig#prescale()}. Cost O(m·n²) per step.
 * <p>
 * This double form runs the same algorithm as {@link BjorckStack} (same start vector for the power iteration), stopping early once
 * ‖WᵀW − I‖_max reaches the rounding level (16·√n·2⁻⁵³), and is used for export and certification;
 * {@link #residual(double[][])} reports ‖QᵀQ − I‖_max.
 */
public final class Bjorck {

    /**
     * The double form stops early once ‖WᵀW − I‖_max ≤ this × √n × 2⁻⁵³ (the rounding level of an n-column Gram
     * matrix), or once the residual, below 1e-10, stops decreasing: further steps would change W by rounding only.
     */
    static final double ROUNDING_FLOOR = 16;

    private Bjorck() {
    }

    /**
     * Orthonormalises a dense matrix in double with the same algorithm as {@link BjorckStack}.
     *
     * @param w   m×n, rectangular either way, finite, not zero
     * @param cfg iterations, β and pre-scaling
     * @return a new m×n matrix with orthonormal columns (m ≥ n) or rows (m &lt; n), up to the reached
     *     {@link #residual(double[][])}
     * @throws IllegalArgumentException if {@code w} is empty, ragged, non-finite or zero
     */
    public static double[][] orthonormalise(double[][] w, BjorckConfig cfg) {
        int[] mn = DenseMath.requireMatrix(w, "bjorck input");
        boolean flip = mn[0] < mn[1];
        double[][] x = flip ? DenseMath.transpose(w) : DenseMath.copy(w);
        double inv = 1 / scale(x, cfg);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= inv;
            }
        }
        double beta = cfg.beta();
        double floor = ROUNDING_FLOOR * Math.sqrt(x[0].length) * 0x1.0p-53;
        double previous = Double.POSITIVE_INFINITY;
        for (int t = 0; t < cfg.iterations(); t++) {
            double[][] g = DenseMath.gram(x);
            double res = maxDistanceFromIdentity(g);
            if (res <= floor || (res >= previous && res <= 1e-10)) {
                break;
            }
            previous = res;
            for (int i = 0; i < g.length; i++) {
                for (int j = 0; j < g.length; j++) {
                    g[i][j] = (i == j ? 1 + beta : 0) - beta * g[i][j];
                }
            }
            x = DenseMath.multiply(x, g);
        }
        return flip ? DenseMath.transpose(x) : x;
    }

    /**
     * Orthogonality residual of the tall orientation:
     * <pre>  ‖QᵀQ − I‖_max (m ≥ n),   ‖QQᵀ − I‖_max (m &lt; n)  </pre>
     */
    public static double residual(double[][] q) {
        DenseMath.requireMatrix(q, "bjorck residual input");
        return maxDistanceFromIdentity(DenseMath.gramOfTall(q));
    }

    private static double maxDistanceFromIdentity(double[][] g) {
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                double d = Math.abs(g[i][j] - (i == j ? 1 : 0));
                if (!(d <= worst)) {
                    worst = d;
                }
            }
        }
        return worst;
    }

    /** s of the tall matrix x, the same figure {@link BjorckStack} computes. */
    private static double scale(double[][] x, BjorckConfig cfg) {
        double s;
        if (cfg.prescale() == BjorckConfig.Prescale.FROBENIUS) {
            double ss = 0;
            for (double[] row : x) {
                ss += DenseMath.dot(row, row);
            }
            s = Math.sqrt(ss);
        } else {
            s = PowerIteration.sigmaMax(x, cfg.powerIterations());
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("bjorck input is zero (scale " + s + "): nothing to orthonormalise");
        }
        return s * cfg.margin();
    }
}
