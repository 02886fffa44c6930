package dev.lipschitzw1.critic.certify;

import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * Exact spectral norm of a dense matrix W (m×n) in double precision:
 * <pre>  ‖W‖₂ = σ_max(W) = √λ_max(G),   G = WᵀW (m ≥ n) or WWᵀ (m &lt; n)  </pre>
 * The value is the largest Lanczos Ritz value of G (converged to a relative residual of 1e-13); the certified bound
 * comes from a Cholesky factorisation of (μ − c)I − G proving λ_max(G) &lt; μ (see {@code SymmetricMaxEigenvalue}),
 * plus the rounding error of forming G:
 * <pre>  bound = √(μ + (m' + 4)·u·‖W‖_F²)·(1 + 4u),   m' = max(m, n),  u = 2⁻⁵³  </pre>
 * Cost O(m·n·min(m, n) + min(m, n)³/6).
 */
public final class DenseCertifier {

    private DenseCertifier() {
    }

    /**
     * Certified bound and converged value of ‖W‖₂.
     *
     * @param w m×n, finite
     * @throws ShapeMismatchException if {@code w} is ragged
     */
    public static SpectralNorm spectralNorm(double[][] w) {
        int m = w.length;
        if (m == 0 || w[0].length == 0) {
            throw new IllegalArgumentException("dense certifier: empty matrix");
        }
        int n = w[0].length;
        double frobSq = 0;
        for (int i = 0; i < m; i++) {
            if (w[i].length != n) {
                throw new ShapeMismatchException("dense certifier row " + i, new int[] {n}, new int[] {w[i].length});
            }
            for (double x : w[i]) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("dense certifier: non-finite entry " + x + " in row " + i);
                }
                frobSq += x * x;
            }
        }
        double[][] g = m >= n ? gramOfColumns(w) : gramOfColumns(transpose(w));
        double u = SymmetricMaxEigenvalue.U;
        double formError = (Math.max(m, n) + 4) * u * frobSq * 1.01;
        SymmetricMaxEigenvalue.Ritz ritz = SymmetricMaxEigenvalue.lanczos(SymmetricMaxEigenvalue.dense(g),
                FftConvCertifier.LANCZOS_MAX_STEPS, FftConvCertifier.LANCZOS_TOLERANCE);
        double mu = SymmetricMaxEigenvalue.certifiedUpperBound(g, ritz.value(), formError);
        double bound = Math.nextUp(Math.sqrt(mu) * (1 + 4 * u));
        double value = Math.sqrt(Math.max(0, ritz.value()));
        return new SpectralNorm(bound, Math.min(value, bound),
                "Gram " + g.length + "×" + g.length + ": Lanczos value and Cholesky-certified bound");
    }

    /** {@link #spectralNorm} as a layer certificate of kind "dense". */
    public static LayerCertificate certify(String name, double[][] w) {
        SpectralNorm s = spectralNorm(w);
        return new LayerCertificate(name, "dense", w[0].length + "→" + w.length, s.bound(), s.value(), s.method());
    }

    private static double[][] gramOfColumns(double[][] a) {
        int n = a[0].length;
        double[][] g = new double[n][n];
        for (double[] row : a) {
            for (int i = 0; i < n; i++) {
                double ri = row[i];
                double[] gi = g[i];
                for (int j = i; j < n; j++) {
                    gi[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i];
            }
        }
        return g;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
