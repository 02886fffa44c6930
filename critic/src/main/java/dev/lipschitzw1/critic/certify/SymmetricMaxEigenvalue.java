package dev.lipschitzw1.critic.certify;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The largest eigenvalue of a real symmetric positive semi-definite operator A (package-private engine of the
 * certifiers), two ways:
 * <ul>
 * <li>{@link #lanczos}: Lanczos with full re-orthogonalisation from a fixed start vector. Returns the largest Ritz value
 * θ of the tridiagonal T_j; θ ≤ λ_max (Rayleigh–Ritz), and iteration stops when the Ritz residual
 * ‖A s − θ s‖ = β_j·|e_jᵀ y| ≤ tol·θ. An estimate from below, never a certificate: a small residual only says
 * <em>some</em> eigenvalue lies within it of θ, not that θ is the largest.</li>
 * <li>{@link #certifiedUpperBound}: proves λ_max(A) &lt; μ by a floating-point Cholesky factorisation of
 * (μ − c)·I − A succeeding (Rump 2006, "Verification of positive definiteness", BIT 46: success of the computed
 * factorisation of M − c·I with c ≥ γ_{n+1}/(1 − 2γ_{n+1})·tr(M) proves M positive definite). Here
 * <pre>  c = 8(n + 2)·u·(n·|μ| + Σᵢ|aᵢᵢ|) + 2u·(|μ| + maxᵢ|aᵢᵢ|),   u = 2⁻⁵³  </pre>
 * a safety factor of about 8 over Rump's constant that also covers forming the diagonal μ − aᵢᵢ. μ starts just above
 * the Lanczos value and grows geometrically until the factorisation succeeds. Cost n³/6 multiply–adds per attempt.</li>
 * </ul>
 */
final class SymmetricMaxEigenvalue {

    /** Unit round-off of IEEE double. */
    static final double U = 0x1.0p-53;
    private static final long START_SEED = 0xCE27L;

    /** y = A x for a symmetric A of the given dimension. */
    interface Operator {
        int dimension();

        void apply(double[] x, double[] y);
    }

    /** Largest Ritz value, its residual bound and the number of Lanczos steps taken. */
    record Ritz(double value, double residual, int steps) {
    }

    private SymmetricMaxEigenvalue() {
    }

    static Operator dense(double[][] a) {
        return new Operator() {
            @Override
            public int dimension() {
                return a.length;
            }

            @Override
            public void apply(double[] x, double[] y) {
                for (int i = 0; i < a.length; i++) {
                    y[i] = dot(a[i], x);
                }
            }
        };
    }

    /** Lanczos with full re-orthogonalisation; stops at residual ≤ relTol·θ, an invariant subspace, or maxSteps. */
    static Ritz lanczos(Operator a, int maxSteps, double relTol) {
        int n = a.dimension();
        int m = Math.max(1, Math.min(maxSteps, n));
        double[][] q = new double[m + 1][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        q[0] = startVector(n);
        double[] w = new double[n];
        double theta = 0;
        double residual = Double.POSITIVE_INFINITY;
        double scale = 0;
        for (int j = 0; j < m; j++) {
            a.apply(q[j], w);
            alpha[j] = dot(q[j], w);
            axpy(-alpha[j], q[j], w);
            if (j > 0) {
                axpy(-beta[j - 1], q[j - 1], w);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    axpy(-dot(q[i], w), q[i], w);
                }
            }
            beta[j] = Math.sqrt(dot(w, w));
            scale = Math.max(scale, Math.abs(alpha[j]) + beta[j]);
            boolean invariant = beta[j] <= 1e-14 * scale;
            boolean check = invariant || j == m - 1 || j % 4 == 3;
            if (check) {
                double[] top = largestRitz(alpha, beta, j + 1);
                theta = top[0];
                residual = invariant ? 0 : beta[j] * Math.abs(top[1]);
                if (residual <= relTol * Math.abs(theta) || invariant || j == m - 1) {
                    return new Ritz(theta, residual, j + 1);
                }
            }
            q[j + 1] = new double[n];
            double inv = 1 / beta[j];
            for (int i = 0; i < n; i++) {
                q[j + 1][i] = w[i] * inv;
            }
        }
        return new Ritz(theta, residual, m);
    }

    /** {θ_max, last component of its unit eigenvector} of the j×j tridiagonal (alpha, beta). */
    private static double[] largestRitz(double[] alpha, double[] beta, int j) {
        if (j == 1) {
            return new double[] {alpha[0], 1};
        }
        double[] main = java.util.Arrays.copyOf(alpha, j);
        double[] off = java.util.Arrays.copyOf(beta, j - 1);
        EigenDecomposition eig = new EigenDecomposition(main, off);
        double[] values = eig.getRealEigenvalues();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return new double[] {values[best], eig.getEigenvector(best).getEntry(j - 1)};
    }

    /**
     * A proved upper bound on λ_max of a symmetric matrix A_true with ‖A_true − a‖₂ ≤ formingError.
     *
     * @param a            symmetric n×n (only read)
     * @param estimate     a guess of λ_max(a), e.g. a Lanczos value; the result is close above it when it is accurate
     * @param formingError a bound on the 2-norm error with which {@code a} represents the intended matrix
     * @return μ + formingError, with Cholesky of (μ − c)I − a succeeding
     */
    static double certifiedUpperBound(double[][] a, double estimate, double formingError) {
        int n = a.length;
        double traceAbs = 0;
        double maxDiag = 0;
        double gershgorin = 0;
        for (int i = 0; i < n; i++) {
            traceAbs += Math.abs(a[i][i]);
            maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
            double row = 0;
            for (double x : a[i]) {
                row += Math.abs(x);
            }
            gershgorin = Math.max(gershgorin, row);
        }
        if (!Double.isFinite(gershgorin) || !Double.isFinite(estimate)) {
            throw new IllegalArgumentException("certification input is not finite (estimate " + estimate + ")");
        }
        // Start just above the estimate plus the shift c itself, so that an accurate estimate certifies at once.
        double delta = 1e-10 * Math.abs(estimate) + 1e-12 * gershgorin + 2 * shift(n, estimate, traceAbs, maxDiag);
        for (int attempt = 0; attempt < 200; attempt++) {
            double mu = estimate + delta;
            if (choleskySucceeds(a, mu - shift(n, mu, traceAbs, maxDiag))) {
                return Math.nextUp(mu + formingError);
            }
            delta *= 8;
        }
        throw new IllegalStateException("Cholesky certificate failed up to μ = " + (estimate + delta)
                + " (Gershgorin bound " + gershgorin + "): matrix not symmetric?");
    }

    /** Rump's shift with safety factor: c = 8(n + 2)·u·(n·|μ| + Σ|aᵢᵢ|) + 2u·(|μ| + max|aᵢᵢ|). */
    private static double shift(int n, double mu, double traceAbs, double maxDiag) {
        return 8.0 * (n + 2) * U * (n * Math.abs(mu) + traceAbs) + 2 * U * (Math.abs(mu) + maxDiag) + 1e-290;
    }

    /** Whether the floating-point Cholesky factorisation of s·I − a completes with positive pivots. */
    static boolean choleskySucceeds(double[][] a, double s) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] li = new double[i + 1];
            double[] ai = a[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = j == i ? li : l[j];
                double sum = (i == j ? s : 0) - ai[j] - dot(li, lj, j);
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / lj[j];
                }
            }
            l[i] = li;
        }
        return true;
    }

    private static double[] startVector(int n) {
        SplittableRandom rng = new SplittableRandom(START_SEED);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        double inv = 1 / Math.sqrt(dot(v, v));
        for (int i = 0; i < n; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        return dot(a, b, a.length);
    }

    /** Σ_{i<len} aᵢbᵢ with four partial sums (instruction-level parallelism; the JIT does not vectorise reductions). */
    static double dot(double[] a, double[] b, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < len; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
