package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Björck orthonormalisation (Björck &amp; Bowie 1971; Anil et al. 2019), first order, in SameDiff and in double:
 * <pre>  W₀ = W / s,   W_{t+1} = W_t ((1 + β)·I − β·W_tᵀ W_t) = (1 + β)·W_t − β·W_t (W_tᵀ W_t)  </pre>
 * for W of shape m×n with m ≥ n; a wide W (m &lt; n) is transposed, orthonormalised and transposed back, so the result
 * has orthonormal columns (tall) or orthonormal rows (wide). Converges to the orthogonal polar factor of W when every
 * singular value of W₀ lies in (0, √3); s is set by {@link BjorckConfig#prescale()}. Cost O(m·n²) per step.
 * <p>
 * SameDiff form: differentiable through every step. With {@link BjorckConfig.Prescale#POWER_ITERATION} the scale s is
 * computed from a stop-gradient copy of W (as LConvNet's {@code torch.no_grad()}), so the gradient treats s as a
 * constant; at convergence the polar factor does not depend on s, so this is the exact gradient in the limit. With
 * {@link BjorckConfig.Prescale#FROBENIUS} s = ‖W‖_F·margin is differentiated. Division by s is written as a product
 * with {@code reciprocal}/{@code rsqrt} ({@code x.div(scalarVariable)} has wrong gradients in ND4J 1.0.0-M2.1).
 * <p>
 * The double form runs the same algorithm (same start vector for the power iteration), stopping early once
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
     * Builds the Björck iteration in {@code sd}.
     *
     * @param w   an m×n matrix or a stack [b, m, n] of matrices (each orthonormalised on its own, with batched
     *            matrix products), with a shape known when the graph is built (VARIABLE, CONSTANT or placeholder
     *            with a fixed shape)
     * @param cfg iterations, β and pre-scaling
     * @return the orthonormalised matrix (stack), same shape and data type as {@code w}
     * @throws InvalidConfigException if the shape of {@code w} is unknown or its rank is not 2 or 3
     */
    public static SDVariable orthonormalise(SameDiff sd, SDVariable w, BjorckConfig cfg) {
        long[] shape = w.getShape();
        InvalidConfigException.require(shape != null && (shape.length == 2 || shape.length == 3) && allPositive(shape),
                "bjorck.input(" + w.name() + ").shape", shape == null ? "unknown" : java.util.Arrays.toString(shape),
                "a known shape [m, n] or [b, m, n]");
        if (cfg.prescale() == BjorckConfig.Prescale.POWER_ITERATION && cfg.iterations() >= 1) {
            return EagerBjorck.orthonormalise(sd, w, cfg);
        }
        return orthonormaliseGraph(sd, w, cfg);
    }

    /**
     * The same iteration as {@link #orthonormalise(SameDiff, SDVariable, BjorckConfig)} built from SameDiff's own
     * ops (~6 graph nodes per step, differentiated by SameDiff). {@code orthonormalise} uses it for the Frobenius
     * pre-scale; with the power-iteration pre-scale it builds one {@link EagerBjorck} node instead (same result up to
     * float rounding, ~100× fewer graph nodes). Kept public to cross-check the two in tests.
     */
    public static SDVariable orthonormaliseGraph(SameDiff sd, SDVariable w, BjorckConfig cfg) {
        long[] shape = w.getShape();
        boolean batched = shape.length == 3;
        int m = (int) shape[shape.length - 2];
        int n = (int) shape[shape.length - 1];
        boolean flip = m < n;
        SDVariable x = flip ? transposeLast(sd, w, batched) : w;
        int cols = Math.min(m, n);
        x = x.mul(inverseScale(sd, x, cfg, batched ? (int) shape[0] : 0, cols));
        double beta = cfg.beta();
        SDVariable scaledEye = sd.constant(Nd4j.eye(cols).castTo(w.dataType()).muli(1 + beta));
        for (int t = 0; t < cfg.iterations(); t++) {
            // W·((1+β)I − β·WᵀW): one product with W per step. The equal form (1+β)W − β·W(WᵀW) uses W once more
            // per step, and SameDiff 1.0.0-M2.1's backward session then queues graph nodes exponentially in the
            // number of steps (20 steps: 100 s per gradient instead of 0.1 s).
            SDVariable g = sd.mmul(x, x, true, false, false);
            x = sd.mmul(x, scaledEye.sub(g.mul(beta)));
        }
        return flip ? transposeLast(sd, x, batched) : x;
    }

    /**
     * Orthonormalises a dense matrix in double with the same algorithm as the SameDiff form.
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

    /** s of the tall matrix x, the same figure the SameDiff form computes. */
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

    /** 1/s as a graph variable: scalar or [b, 1, 1]. x is tall with n = cols columns. */
    private static SDVariable inverseScale(SameDiff sd, SDVariable x, BjorckConfig cfg, int batch, int cols) {
        boolean batched = batch > 0;
        double invMargin = 1 / cfg.margin();
        if (cfg.prescale() == BjorckConfig.Prescale.FROBENIUS) {
            return sd.math.rsqrt(sumOfSquares(sd, x, batched)).mul(invMargin);
        }
        SDVariable xs = new StopGradient(sd, x).outputVariable();
        SDVariable g = sd.mmul(xs, xs, true, false, false);
        double[] v0 = PowerIteration.startVector(cols);
        SDVariable v;
        if (batched) {
            double[][][] tiled = new double[batch][cols][1];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < cols; i++) {
                    tiled[b][i][0] = v0[i];
                }
            }
            v = sd.constant(Nd4j.create(tiled).castTo(x.dataType()));
        } else {
            double[][] col = new double[cols][1];
            for (int i = 0; i < cols; i++) {
                col[i][0] = v0[i];
            }
            v = sd.constant(Nd4j.create(col).castTo(x.dataType()));
        }
        for (int t = 0; t < cfg.powerIterations(); t++) {
            v = sd.mmul(g, v);
            v = v.mul(sd.math.rsqrt(sumOfSquares(sd, v, batched)));
        }
        SDVariable rayleigh = sd.mmul(v, sd.mmul(g, v), true, false, false);
        return sd.math.rsqrt(rayleigh).mul(invMargin);
    }

    /** Σ x² over the matrix dimensions: a scalar, or [b, 1, 1] for a stack. */
    private static SDVariable sumOfSquares(SameDiff sd, SDVariable x, boolean batched) {
        SDVariable sq = sd.math.square(x);
        return batched ? sd.sum(sq, true, 1, 2) : sd.sum(sq);
    }

    private static SDVariable transposeLast(SameDiff sd, SDVariable x, boolean batched) {
        return batched ? sd.permute(x, 0, 2, 1) : sd.transpose(x);
    }

    private static boolean allPositive(long[] shape) {
        for (long d : shape) {
            if (d <= 0) {
                return false;
            }
        }
        return true;
    }
}
