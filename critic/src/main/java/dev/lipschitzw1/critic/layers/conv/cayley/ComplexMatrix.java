package dev.lipschitzw1.critic.layers.conv.cayley;

import dev.lipschitzw1.critic.tensor.HostBlas;

/**
 * A dense complex matrix in double (real and imaginary parts row-major), with the few operations the Cayley transform
 * needs: products (OpenBLAS dgemm on the real and imaginary parts when the CPU backend is loaded, a loop otherwise),
 * (conjugate) transposes, sums, real scaling, blocks and the inverse (Gauss–Jordan with partial pivoting). Immutable:
 * every operation returns a new matrix.
 */
final class ComplexMatrix {

    /** Products with fewer multiply-adds than this stay in Java (a BLAS call costs about a microsecond). */
    private static final long BLAS_MIN_WORK = 512;

    final int rows;
    final int cols;
    final double[] re;
    final double[] im;

    ComplexMatrix(int rows, int cols, double[] re, double[] im) {
        this.rows = rows;
        this.cols = cols;
        this.re = re;
        this.im = im;
    }

    static ComplexMatrix zeros(int rows, int cols) {
        return new ComplexMatrix(rows, cols, new double[rows * cols], new double[rows * cols]);
    }

    static ComplexMatrix identity(int n) {
        ComplexMatrix m = zeros(n, n);
        for (int i = 0; i < n; i++) {
            m.re[i * n + i] = 1;
        }
        return m;
    }

    /** this · other. */
    ComplexMatrix times(ComplexMatrix other) {
        ComplexMatrix out = zeros(rows, other.cols);
        if (HostBlas.available() && (long) rows * cols * other.cols >= BLAS_MIN_WORK) {
            // Four real products through OpenBLAS: measured the bulk of a Cayley critic's step when done in the loop
            // below (Java's scalar complex arithmetic at 64×64 is several times slower than dgemm).
            int n = other.cols;
            HostBlas.dgemm(rows, n, cols, 1, re, other.re, 0, out.re);
            HostBlas.dgemm(rows, n, cols, -1, im, other.im, 1, out.re);
            HostBlas.dgemm(rows, n, cols, 1, re, other.im, 0, out.im);
            HostBlas.dgemm(rows, n, cols, 1, im, other.re, 1, out.im);
            return out;
        }
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < cols; l++) {
                double ar = re[i * cols + l];
                double ai = im[i * cols + l];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                for (int j = 0; j < other.cols; j++) {
                    double br = other.re[l * other.cols + j];
                    double bi = other.im[l * other.cols + j];
                    out.re[i * other.cols + j] += ar * br - ai * bi;
                    out.im[i * other.cols + j] += ar * bi + ai * br;
                }
            }
        }
        return out;
    }

    /** The conjugate transpose Mᴴ. */
    ComplexMatrix adjoint() {
        ComplexMatrix out = zeros(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.re[j * rows + i] = re[i * cols + j];
                out.im[j * rows + i] = -im[i * cols + j];
            }
        }
        return out;
    }

    /** The entrywise conjugate. */
    ComplexMatrix conj() {
        double[] negated = new double[im.length];
        for (int i = 0; i < im.length; i++) {
            negated[i] = -im[i];
        }
        return new ComplexMatrix(rows, cols, re.clone(), negated);
    }

    /** The plain transpose Mᵀ. */
    ComplexMatrix transpose() {
        ComplexMatrix out = zeros(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.re[j * rows + i] = re[i * cols + j];
                out.im[j * rows + i] = im[i * cols + j];
            }
        }
        return out;
    }

    /** a·this + b·other (a, b real). */
    ComplexMatrix combine(double a, ComplexMatrix other, double b) {
        ComplexMatrix out = zeros(rows, cols);
        for (int i = 0; i < re.length; i++) {
            out.re[i] = a * re[i] + b * other.re[i];
            out.im[i] = a * im[i] + b * other.im[i];
        }
        return out;
    }

    ComplexMatrix plus(ComplexMatrix other) {
        return combine(1, other, 1);
    }

    ComplexMatrix minus(ComplexMatrix other) {
        return combine(1, other, -1);
    }

    ComplexMatrix scale(double s) {
        return combine(s, this, 0);
    }

    /** Rows [from, to). */
    ComplexMatrix rows(int from, int to) {
        ComplexMatrix out = zeros(to - from, cols);
        System.arraycopy(re, from * cols, out.re, 0, (to - from) * cols);
        System.arraycopy(im, from * cols, out.im, 0, (to - from) * cols);
        return out;
    }

    /** [this; below], stacked by rows. */
    ComplexMatrix stack(ComplexMatrix below) {
        ComplexMatrix out = zeros(rows + below.rows, cols);
        System.arraycopy(re, 0, out.re, 0, re.length);
        System.arraycopy(im, 0, out.im, 0, im.length);
        System.arraycopy(below.re, 0, out.re, re.length, below.re.length);
        System.arraycopy(below.im, 0, out.im, im.length, below.im.length);
        return out;
    }

    /** Re Σ conj(this)·other, the real inner product of the two as real vectors. */
    double dot(ComplexMatrix other) {
        double s = 0;
        for (int i = 0; i < re.length; i++) {
            s += re[i] * other.re[i] + im[i] * other.im[i];
        }
        return s;
    }

    /** M⁻¹ by Gauss–Jordan elimination with partial pivoting (square, invertible). */
    ComplexMatrix inverse() {
        int n = rows;
        double[] ar = re.clone();
        double[] ai = im.clone();
        ComplexMatrix inv = identity(n);
        double[] br = inv.re;
        double[] bi = inv.im;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            double best = -1;
            for (int r = col; r < n; r++) {
                double m = ar[r * n + col] * ar[r * n + col] + ai[r * n + col] * ai[r * n + col];
                if (m > best) {
                    best = m;
                    pivot = r;
                }
            }
            swapRows(ar, ai, n, col, pivot);
            swapRows(br, bi, n, col, pivot);
            double pr = ar[col * n + col];
            double pi = ai[col * n + col];
            double d = pr * pr + pi * pi;
            double qr = pr / d;
            double qi = -pi / d;
            scaleRow(ar, ai, n, col, qr, qi);
            scaleRow(br, bi, n, col, qr, qi);
            for (int r = 0; r < n; r++) {
                if (r == col) {
                    continue;
                }
                double fr = ar[r * n + col];
                double fi = ai[r * n + col];
                if (fr == 0 && fi == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    ar[r * n + j] -= fr * ar[col * n + j] - fi * ai[col * n + j];
                    ai[r * n + j] -= fr * ai[col * n + j] + fi * ar[col * n + j];
                    br[r * n + j] -= fr * br[col * n + j] - fi * bi[col * n + j];
                    bi[r * n + j] -= fr * bi[col * n + j] + fi * br[col * n + j];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] r, double[] i, int n, int a, int b) {
        if (a == b) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double t = r[a * n + j];
            r[a * n + j] = r[b * n + j];
            r[b * n + j] = t;
            t = i[a * n + j];
            i[a * n + j] = i[b * n + j];
            i[b * n + j] = t;
        }
    }

    private static void scaleRow(double[] r, double[] i, int n, int row, double sr, double si) {
        for (int j = 0; j < n; j++) {
            double x = r[row * n + j];
            double y = i[row * n + j];
            r[row * n + j] = x * sr - y * si;
            i[row * n + j] = x * si + y * sr;
        }
    }
}
