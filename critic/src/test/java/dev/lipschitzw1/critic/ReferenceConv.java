package dev.lipschitzw1.critic;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Test oracle, written independently of the main code: the pinned convolution convention by its definition,
 * <pre>  y[o, r, s] = Σ_{i,p,q} K[o, i, p, q] · x[i, r + p − ⌊k_h/2⌋, s + q − ⌊k_w/2⌋]  </pre>
 * (indices mod h, w when circular; 0 outside the map when zero-padded), the explicit operator matrix built by pushing
 * every basis vector through it, and that matrix's singular values by Commons Math's dense SVD.
 */
public final class ReferenceConv {

    private ReferenceConv() {
    }

    /** y = K ⋆ x by the defining sum. */
    public static double[][][] conv(double[][][][] k, double[][][] x, boolean circular) {
        int cout = k.length;
        int cin = k[0].length;
        int kh = k[0][0].length;
        int kw = k[0][0][0].length;
        int h = x[0].length;
        int w = x[0][0].length;
        double[][][] y = new double[cout][h][w];
        for (int o = 0; o < cout; o++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    double sum = 0;
                    for (int i = 0; i < cin; i++) {
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int rr = r + p - kh / 2;
                                int ss = s + q - kw / 2;
                                if (circular) {
                                    rr = ((rr % h) + h) % h;
                                    ss = ((ss % w) + w) % w;
                                } else if (rr < 0 || rr >= h || ss < 0 || ss >= w) {
                                    continue;
                                }
                                sum += k[o][i][p][q] * x[i][rr][ss];
                            }
                        }
                    }
                    y[o][r][s] = sum;
                }
            }
        }
        return y;
    }

    /** The (cout·h·w)×(cin·h·w) matrix of the convolution, column j = conv(e_j), flattened [channel][row][col]. */
    public static double[][] matrix(double[][][][] k, int h, int w, boolean circular) {
        int cout = k.length;
        int cin = k[0].length;
        double[][] m = new double[cout * h * w][cin * h * w];
        for (int i = 0; i < cin; i++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    double[][][] e = new double[cin][h][w];
                    e[i][r][s] = 1;
                    double[][][] y = conv(k, e, circular);
                    int col = (i * h + r) * w + s;
                    for (int o = 0; o < cout; o++) {
                        for (int rr = 0; rr < h; rr++) {
                            for (int ss = 0; ss < w; ss++) {
                                m[(o * h + rr) * w + ss][col] = y[o][rr][ss];
                            }
                        }
                    }
                }
            }
        }
        return m;
    }

    /** Singular values of the explicit operator, descending, the min(rows, cols) of them. */
    public static double[] singularValues(double[][][][] k, int h, int w, boolean circular) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(matrix(k, h, w, circular), false))
                .getSingularValues();
    }

    /** A kernel [cout][cin][kh][kw] of N(0, 1) entries. */
    public static double[][][][] randomKernel(SplittableRandom rng, int cout, int cin, int kh, int kw) {
        double[][][][] k = new double[cout][cin][kh][kw];
        for (double[][][] a : k) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = TestMatrices.gaussian(rng);
                    }
                }
            }
        }
        return k;
    }

    /** A map [c][h][w] of N(0, 1) entries. */
    public static double[][][] randomMap(SplittableRandom rng, int c, int h, int w) {
        double[][][] x = new double[c][h][w];
        for (double[][] a : x) {
            for (double[] b : a) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = TestMatrices.gaussian(rng);
                }
            }
        }
        return x;
    }

    /** Σ x². */
    public static double squaredNorm(double[][][] x) {
        double s = 0;
        for (double[][] a : x) {
            for (double[] b : a) {
                for (double v : b) {
                    s += v * v;
                }
            }
        }
        return s;
    }
}
