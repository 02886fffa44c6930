package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import dev.lipschitzw1.critic.tensor.Kernels;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
     * Builds the BCOP kernel in ND4J's conv2d weight layout YXIO = [k, k, cin, cout] (cross-correlation, NCHW data),
     * eagerly, keeping what {@link Built#backward} needs: one batched Björck over all 2k − 1 matrices
     * ({@link BjorckStack}), one batched product for the projectors, and per projector factor one product of the
     * stacked taps with P.
     *
     * @param params [2k − 1, c, c] with c = max(cin, cout)
     * @return the kernel and its backward pass, in the data type of {@code params}
     * @throws InvalidConfigException  if cin, cout or k is below 1
     * @throws ShapeMismatchException  if {@code params} does not have shape [2k − 1, c, c]
     */
    public static Built build(INDArray params, int cin, int cout, int k, BjorckConfig cfg) {
        requireSizes(cin, cout, k);
        int c = Math.max(cin, cout);
        long[] shape = params.shape();
        int[] want = {parameterCount(k), c, c};
        if (shape.length != 3 || shape[0] != want[0] || shape[1] != c || shape[2] != c) {
            throw new ShapeMismatchException("bcop params", want,
                    java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray());
        }
        return new Built(params, cin, cout, k, cfg);
    }

    /**
     * A BCOP kernel built from its parameters, with the backward pass ∂L/∂K ↦ ∂L/∂M. Factor j maps taps T (extent
     * k₁×k₂, each cmin×c) to T·P at the same offset plus T·(I − P) shifted by one along its axis; with
     * D = G_same − G_shifted its backward is
     * <pre>  ∂L/∂T = G_shifted + D·P,   ∂L/∂P = Σ_taps Tᵀ D,   ∂L/∂U = (∂L/∂P + ∂L/∂Pᵀ)·U  (P = U Uᵀ)  </pre>
     */
    public static final class Built {
        private final int cin;
        private final int cout;
        private final int k;
        private final int c;
        private final int cmin;
        private final int half;
        private final BjorckStack ortho;
        private final INDArray u;
        private final INDArray projectors;
        private final INDArray[] tapsBefore;
        private final INDArray kernel;

        private Built(INDArray params, int cin, int cout, int k, BjorckConfig cfg) {
            this.cin = cin;
            this.cout = cout;
            this.k = k;
            this.c = Math.max(cin, cout);
            this.cmin = Math.min(cin, cout);
            this.half = c / 2;
            this.ortho = BjorckStack.orthonormalise(params, cfg);
            INDArray o = ortho.q();
            INDArray h = o.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, cin), NDArrayIndex.interval(0, cout));
            INDArray taps = (cin <= cout ? h : h.transpose()).dup('c').reshape(1, 1, cmin, c);
            int factors = 2 * (k - 1);
            if (factors > 0 && half > 0) {
                u = o.get(NDArrayIndex.interval(1, 2 * k - 1), NDArrayIndex.all(), NDArrayIndex.interval(0, half))
                        .dup('c');
                projectors = Ops.matmul(u, u, false, true, 1.0);
            } else {
                u = null;
                projectors = null;
            }
            tapsBefore = new INDArray[factors];
            for (int j = 0; j < factors; j++) {
                tapsBefore[j] = taps;
                taps = multiplyFactor(taps, projector(j), j % 2 == 0);
            }
            // p[a][b][m][n] → YXIO[y][x][i][o]: y = b, x = a; (m, n) = (i, o) unflipped, (o, i) flipped.
            kernel = cin <= cout ? Kernels.permutedCopy(taps, 1, 0, 2, 3) : Kernels.permutedCopy(taps, 1, 0, 3, 2);
        }

        /** The kernel [k, k, cin, cout] (YXIO). */
        public INDArray kernelYxio() {
            return kernel;
        }

        /** ∂L/∂M [2k − 1, c, c] for ∂L/∂K = {@code gradKernel} [k, k, cin, cout]. */
        public INDArray backward(INDArray gradKernel) {
            INDArray g = cin <= cout ? Kernels.permutedCopy(gradKernel, 1, 0, 2, 3)
                    : Kernels.permutedCopy(gradKernel, 1, 0, 3, 2);
            int factors = 2 * (k - 1);
            INDArray gradP = projectors == null ? null : Nd4j.create(g.dataType(), factors, c, c);
            for (int j = factors - 1; j >= 0; j--) {
                INDArray t = tapsBefore[j];
                long rows = t.size(0) * t.size(1) * cmin;
                INDArray[] parts = Kernels.factorTapsAdjoint(g, j % 2 == 0);
                INDArray next = parts[0];
                if (projectors != null) {
                    INDArray d = parts[1].reshape(rows, c);
                    Ops.matmul(d, projector(j), next.reshape(rows, c), false, false, 1.0, 1.0);
                    Ops.matmul(t.reshape(rows, c), d, gradP.get(NDArrayIndex.point(j), NDArrayIndex.all(),
                            NDArrayIndex.all()), true, false, 1.0, 0.0);
                }
                g = next;
            }
            INDArray gh = g.reshape(cmin, c);
            INDArray gradO = Nd4j.zeros(g.dataType(), 2 * k - 1, c, c);
            gradO.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, cin), NDArrayIndex.interval(0, cout))
                    .assign(cin <= cout ? gh : gh.transpose());
            if (projectors != null) {
                // ∂L/∂U = (∂L/∂P + ∂L/∂Pᵀ)·U into the first ⌊c/2⌋ columns of matrices 1 … 2k − 2.
                INDArray gradU = Ops.matmul(Kernels.symmetriseAndShift(gradP, true, 0), u, false, false, 1.0);
                gradO.get(NDArrayIndex.interval(1, 2 * k - 1), NDArrayIndex.all(), NDArrayIndex.interval(0, half))
                        .assign(gradU);
            }
            return ortho.backward(gradO);
        }

        /** P_j (zero when c = 1: rank ⌊c/2⌋ = 0). */
        private INDArray projector(int j) {
            return projectors == null ? null
                    : projectors.get(NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all());
        }

        /** Taps T [k1, k2, cmin, c] times P + (I − P)·z along axis 1 (z₁) or axis 2 (z₂). */
        private INDArray multiplyFactor(INDArray t, INDArray p, boolean axis1) {
            INDArray tp = p == null ? Nd4j.zeros(t.dataType(), t.shape())
                    : Ops.matmul(t.reshape(t.size(0) * t.size(1) * cmin, c), p, false, false, 1.0).reshape(t.shape());
            return Kernels.factorTaps(t, tp, axis1);
        }
    }

    /**
     * Builds the BCOP kernel in double, OIHW layout, with the same algorithm as {@link #build}.
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
