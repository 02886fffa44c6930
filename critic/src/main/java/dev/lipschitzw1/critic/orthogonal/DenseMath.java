package dev.lipschitzw1.critic.orthogonal;

/**
 * Small dense linear algebra in double on row-major {@code double[rows][cols]} arrays (package-private helpers).
 * Products use the i-k-j loop order so the inner loop runs along contiguous rows.
 */
final class DenseMath {

    private DenseMath() {
    }

    /** C = A·B. */
    static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int p = 0; p < k; p++) {
                double aip = ai[p];
                if (aip == 0) {
                    continue;
                }
                double[] bp = b[p];
                for (int j = 0; j < n; j++) {
                    ci[j] += aip * bp[j];
                }
            }
        }
        return c;
    }

    /** y = A·x. */
    static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    /** G = AᵀA, computed as Σ_rows aᵢᵀaᵢ (only the upper triangle, then mirrored). */
    static double[][] gram(double[][] a) {
        int n = a[0].length;
        double[][] g = new double[n][n];
        for (double[] row : a) {
            for (int i = 0; i < n; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
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

    /** The Gram matrix of the tall orientation: AᵀA if rows ≥ cols, else AAᵀ. */
    static double[][] gramOfTall(double[][] a) {
        return a.length >= a[0].length ? gram(a) : gram(transpose(a));
    }

    static double[][] transpose(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static double[][] identity(int n) {
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) {
            e[i][i] = 1;
        }
        return e;
    }

    /** Checks that {@code a} is a non-empty rectangular matrix of finite values; returns its shape {rows, cols}. */
    static int[] requireMatrix(double[][] a, String what) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(what + ": expected a non-empty matrix");
        }
        int n = a[0].length;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new dev.lipschitzw1.errors.ShapeMismatchException(what + " row " + i, new int[] {n},
                        new int[] {a[i] == null ? 0 : a[i].length});
            }
            for (double x : a[i]) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(what + ": non-finite entry " + x + " in row " + i);
                }
            }
        }
        return new int[] {a.length, n};
    }
}
