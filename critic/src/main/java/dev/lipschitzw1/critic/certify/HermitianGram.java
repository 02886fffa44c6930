package dev.lipschitzw1.critic.certify;

/**
 * Gram matrices of a complex matrix M = Re + i·Im, returned in the real symmetric embedding
 * <pre>  [[Re A, −Im A], [Im A, Re A]]   (2n×2n, the eigenvalues of A each twice)  </pre>
 * (package-private).
 */
final class HermitianGram {

    private HermitianGram() {
    }

    /** A = MᴴM (n×n for M m×n), embedded; Re A_ij = Σ_o (r_oi r_oj + m_oi m_oj), Im A_ij = Σ_o (r_oi m_oj − m_oi r_oj). */
    static double[][] ofColumns(double[][] re, double[][] im) {
        int n = re[0].length;
        double[][] ar = new double[n][n];
        double[][] ai = new double[n][n];
        for (int o = 0; o < re.length; o++) {
            double[] r = re[o];
            double[] m = im[o];
            for (int i = 0; i < n; i++) {
                double a = r[i];
                double b = m[i];
                double[] ari = ar[i];
                double[] aii = ai[i];
                for (int j = i; j < n; j++) {
                    ari[j] += a * r[j] + b * m[j];
                    aii[j] += a * m[j] - b * r[j];
                }
            }
        }
        double[][] e = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double x = ar[i][j];
                double y = i == j ? 0 : ai[i][j];
                e[i][j] = x;
                e[j][i] = x;
                e[i + n][j + n] = x;
                e[j + n][i + n] = x;
                // Im A is antisymmetric: Im A_ji = −y.
                e[i + n][j] = y;
                e[j + n][i] = -y;
                e[i][j + n] = -y;
                e[j][i + n] = y;
            }
        }
        return e;
    }

    /** A = MMᴴ, embedded (computed as the conjugate of (Mᵀ)ᴴMᵀ, which has the same eigenvalues). */
    static double[][] ofRows(double[][] re, double[][] im) {
        return ofColumns(transpose(re), transpose(im));
    }

    /** ‖M‖_F² = Σ (Re² + Im²). */
    static double frobeniusSquared(double[][] re, double[][] im) {
        double s = 0;
        for (int i = 0; i < re.length; i++) {
            for (int j = 0; j < re[i].length; j++) {
                s += re[i][j] * re[i][j] + im[i][j] * im[i][j];
            }
        }
        return s;
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
