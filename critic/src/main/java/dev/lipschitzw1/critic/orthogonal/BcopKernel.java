package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BCOP kernel (block convolution orthogonal parameterisation; Li et al. 2019, LConvNet {@code bcop.py}) built from
 * 2k − 1 unconstrained c×c matrices M₀ … M_{2k−2}, c = max(cin, cout):
 * <pre>
 *   Oᵢ = Björck(Mᵢ),   H = O₀[0:cin, 0:cout],   Pⱼ = Uⱼ Uⱼᵀ with Uⱼ = Oⱼ[:, 0:⌊c/2⌋]   (j = 1 … 2k−2)
 *   H' = H (cin ≤ cout)  or  Hᵀ (cin &gt; cout)                                  (cmin×c, orthonormal rows)
 *   B(z₁, z₂) = H' · R₁(z₁) C₂(z₂) R₃(z₁) C₄(z₂) ⋯ R_{2k−3}(z₁) C_{2k−2}(z₂)
 *   Rⱼ(z₁) = Pⱼ + (I − Pⱼ)·z₁,   Cⱼ(z₂) = Pⱼ + (I − Pⱼ)·z₂
 * </pre>
 * (factors alternate between the two spatial axes, as LConvNet's {@code block_orth}/{@code matrix_conv}). The block
 * taps p[a][b] (cmin×c matrices, a, b = 0 … k−1) are the coefficients of z₁ᵃ z₂ᵇ, and the kernel in OIHW layout is
 * <pre>  K[o][i][y][x] = p[x][y][i][o]  (cin ≤ cout),     K[o][i][y][x] = p[x][y][o][i]  (cin &gt; cout)  </pre>
 * exactly LConvNet's {@code permute(3,2,1,0)} / {@code permute(2,3,1,0)}. Orthogonality: for |z₁| = |z₂| = 1 each
 * factor is unitary (P is an orthogonal projector), so every Fourier symbol K̂(u, v) has orthonormal rows or columns:
 * the circular convolution is orthogonal (cin = cout), an isometry (cin &lt; cout) or a co-isometry with all singular
 * values 1 (cin &gt; cout), on any map size. Odd c is allowed (projector rank ⌊c/2⌋, as LConvNet's mask).
 * <p>
 * Convolution convention (LConvNet's {@code conv2d_cyclic_pad} + {@code F.conv2d}): cross-correlation
 * <pre>  y[o, r, s] = Σ_{i,y,x} K[o, i, y, x] · x_in[i, r + y − b, s + x − b],   b = ⌊k/2⌋  </pre>
 * with b rows/columns of padding before and k − 1 − b after (k = 2: one before, none after), circular by default.
 * <p>
 * One deviation: for k = 1 and cin = cout LConvNet returns H itself (its k = 1 branch skips the transpose, and fails for
 * cin &lt; cout); here k = 1 follows the same rule as k ≥ 2, giving Hᵀ. Both are orthogonal.
 */
public final class BcopKernel {

    private BcopKernel() {
    }

    /**
     * LConvNet's initialisation of the 2k − 1 parameter matrices: each an independent random orthogonal c×c matrix
     * (QR of a Gaussian matrix, signs fixed by diag(R) &gt; 0, as {@code torch.nn.init.orthogonal_}) times the gain
     * 1/√c, c = max(cin, cout). Björck's pre-scaling removes the gain, so the initial kernel is already orthogonal.
     *
     * @throws InvalidConfigException if cin, cout or k is below 1
     */
    public static double[][][] initialParameters(int cin, int cout, int k, SplittableRandom rng) {
        requireSizes(cin, cout, k);
        int c = Math.max(cin, cout);
        double gain = 1 / Math.sqrt(c);
        double[][][] params = new double[parameterCount(k)][][];
        for (int m = 0; m < params.length; m++) {
            double[][] g = new double[c][c];
            for (double[] row : g) {
                for (int j = 0; j < c; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(g, false));
            double[][] q = qr.getQ().getData();
            double[][] r = qr.getR().getData();
            for (int j = 0; j < c; j++) {
                double sign = r[j][j] < 0 ? -gain : gain;
                for (int i = 0; i < c; i++) {
                    q[i][j] *= sign;
                }
            }
            params[m] = q;
        }
        return params;
    }

    /** Number of unconstrained c×c matrices for kernel size k: 2k − 1. */
    public static int parameterCount(int k) {
        return 2 * k - 1;
    }

    /**
     * Builds the BCOP kernel in SameDiff in ND4J's conv2d weight layout YXIO = [k, k, cin, cout]
     * ({@code sd.cnn().conv2d} with {@code dataFormat("NCHW")}, cross-correlation), with few ops: one batched Björck over
     * all 2k − 1 matrices, one batched product for the projectors and about seven ops per projector factor.
     *
     * @param params [2k − 1, c, c] with c = max(cin, cout), known shape
     * @return [k, k, cin, cout], same data type as {@code params}; differentiable in {@code params}
     * @throws InvalidConfigException  if cin, cout or k is below 1
     * @throws ShapeMismatchException  if {@code params} does not have shape [2k − 1, c, c]
     */
    public static SDVariable kernelYxio(SameDiff sd, SDVariable params, int cin, int cout, int k, BjorckConfig cfg) {
        requireSizes(cin, cout, k);
        int c = Math.max(cin, cout);
        int cmin = Math.min(cin, cout);
        long[] shape = params.getShape();
        int[] want = {parameterCount(k), c, c};
        if (shape == null || shape.length != 3 || shape[0] != want[0] || shape[1] != c || shape[2] != c) {
            throw new ShapeMismatchException("bcop params " + params.name(), want,
                    shape == null ? new int[0] : java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray());
        }
        SDVariable ortho = Bjorck.orthonormalise(sd, params, cfg);
        SDVariable h = sd.reshape(sd.slice(ortho, new int[] {0, 0, 0}, 1, cin, cout), cin, cout);
        // taps: [k1, k2, cmin, c], starting with the single tap H'.
        SDVariable taps = sd.reshape(cin <= cout ? h : sd.transpose(h), 1, 1, cmin, c);
        int half = c / 2;
        SDVariable projectors = null;
        if (k > 1 && half > 0) {
            SDVariable u = sd.slice(ortho, new int[] {1, 0, 0}, 2 * k - 2, c, half);
            projectors = sd.mmul(u, u, false, true, false);
        }
        int k1 = 1;
        int k2 = 1;
        for (int j = 0; j < 2 * (k - 1); j++) {
            boolean axis1 = j % 2 == 0;
            // T·P (P = 0 when c = 1: rank ⌊c/2⌋ = 0).
            SDVariable tp;
            if (projectors == null) {
                tp = sd.zerosLike(taps);
            } else {
                SDVariable p = sd.reshape(sd.slice(projectors, new int[] {j, 0, 0}, 1, c, c), c, c);
                tp = sd.reshape(sd.mmul(sd.reshape(taps, (long) k1 * k2 * cmin, c), p), k1, k2, cmin, c);
            }
            SDVariable rest = taps.sub(tp);
            int axis = axis1 ? 0 : 1;
            long[] zshape = axis1 ? new long[] {1, k2, cmin, c} : new long[] {k1, 1, cmin, c};
            SDVariable zeros = sd.constant(Nd4j.zeros(params.dataType(), zshape));
            taps = sd.concat(axis, tp, zeros).add(sd.concat(axis, zeros, rest));
            if (axis1) {
                k1++;
            } else {
                k2++;
            }
        }
        // p[a][b][m][n] → YXIO[y][x][i][o]: y = b, x = a; (m, n) = (i, o) unflipped, (o, i) flipped.
        return cin <= cout ? sd.permute(taps, 1, 0, 2, 3) : sd.permute(taps, 1, 0, 3, 2);
    }

    /**
     * Builds the BCOP kernel in double, OIHW layout, with the same algorithm as
     * {@link #kernelYxio(SameDiff, SDVariable, int, int, int, BjorckConfig)}.
     *
     * @param params 2k − 1 matrices, each c×c with c = max(cin, cout)
     * @return K[cout][cin][k][k]
     * @throws InvalidConfigException if cin, cout or k is below 1
     * @throws ShapeMismatchException if {@code params} has the wrong shape
     */
    public static double[][][][] kernelOihw(double[][][] params, int cin, int cout, int k, BjorckConfig cfg) {
        requireSizes(cin, cout, k);
        int c = Math.max(cin, cout);
        int cmin = Math.min(cin, cout);
        if (params == null || params.length != parameterCount(k)) {
            throw new ShapeMismatchException("bcop params", new int[] {parameterCount(k), c, c},
                    new int[] {params == null ? 0 : params.length});
        }
        double[][][] ortho = new double[params.length][][];
        for (int m = 0; m < params.length; m++) {
            int[] mn = DenseMath.requireMatrix(params[m], "bcop params[" + m + "]");
            if (mn[0] != c || mn[1] != c) {
                throw new ShapeMismatchException("bcop params[" + m + "]", new int[] {c, c}, mn);
            }
            ortho[m] = Bjorck.orthonormalise(params[m], cfg);
        }
        double[][] hPrime = new double[cmin][c];
        for (int i = 0; i < cin; i++) {
            for (int o = 0; o < cout; o++) {
                if (cin <= cout) {
                    hPrime[i][o] = ortho[0][i][o];
                } else {
                    hPrime[o][i] = ortho[0][i][o];
                }
            }
        }
        double[][][][] taps = {{hPrime}};
        for (int j = 0; j < 2 * (k - 1); j++) {
            taps = multiplyFactor(taps, projector(ortho[j + 1]), j % 2 == 0);
        }
        double[][][][] kernel = new double[cout][cin][k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int i = 0; i < cin; i++) {
                    for (int o = 0; o < cout; o++) {
                        kernel[o][i][b][a] = cin <= cout ? taps[a][b][i][o] : taps[a][b][o][i];
                    }
                }
            }
        }
        return kernel;
    }

    /** P = U Uᵀ with U the first ⌊c/2⌋ columns of the orthonormal matrix q. */
    private static double[][] projector(double[][] q) {
        int c = q.length;
        int half = c / 2;
        double[][] p = new double[c][c];
        for (int r = 0; r < c; r++) {
            for (int s = 0; s < c; s++) {
                double sum = 0;
                for (int t = 0; t < half; t++) {
                    sum += q[r][t] * q[s][t];
                }
                p[r][s] = sum;
            }
        }
        return p;
    }

    /** Taps T (extent k1×k2) times P + (I − P)·z along axis 1 (z₁) or axis 2 (z₂): extent grows by one on that axis. */
    private static double[][][][] multiplyFactor(double[][][][] t, double[][] p, boolean axis1) {
        int k1 = t.length;
        int k2 = t[0].length;
        int n1 = axis1 ? k1 + 1 : k1;
        int n2 = axis1 ? k2 : k2 + 1;
        int rows = t[0][0].length;
        int cols = t[0][0][0].length;
        double[][][][] out = new double[n1][n2][rows][cols];
        for (int a = 0; a < k1; a++) {
            for (int b = 0; b < k2; b++) {
                double[][] tp = DenseMath.multiply(t[a][b], p);
                double[][] same = out[a][b];
                double[][] shifted = axis1 ? out[a + 1][b] : out[a][b + 1];
                for (int r = 0; r < rows; r++) {
                    for (int s = 0; s < cols; s++) {
                        same[r][s] += tp[r][s];
                        shifted[r][s] += t[a][b][r][s] - tp[r][s];
                    }
                }
            }
        }
        return out;
    }

    private static void requireSizes(int cin, int cout, int k) {
        InvalidConfigException.require(cin >= 1, "bcop.cin", cin, "an integer ≥ 1");
        InvalidConfigException.require(cout >= 1, "bcop.cout", cout, "an integer ≥ 1");
        InvalidConfigException.require(k >= 1, "bcop.kernelSize", k, "an integer ≥ 1");
    }
}
