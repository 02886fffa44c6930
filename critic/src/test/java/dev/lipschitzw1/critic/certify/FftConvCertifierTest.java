package dev.lipschitzw1.critic.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.ReferenceConv;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FftConvCertifierTest {

    /** Cases: map h×w, cin, cout, kernel kh×kw (n ≤ 6, c ≤ 4, k ∈ 1…4, non-square maps and kernels included). */
    @ParameterizedTest(name = "h={0} w={1} cin={2} cout={3} k={4}x{5}")
    @CsvSource({"4,4,4,4,3,3", "4,4,2,3,1,1", "5,5,3,2,2,2", "6,6,2,2,4,4", "5,4,3,4,3,3", "3,6,4,1,2,3",
            "6,5,1,3,4,4", "2,2,2,2,3,3"})
    void fftCertifier_singularValuesMatchDenseSvd_circular(int h, int w, int cin, int cout, int kh, int kw) {
        double[][][][] k = ReferenceConv.randomKernel(new SplittableRandom(h * 1000L + w * 100 + cin * 10 + cout), cout,
                cin, kh, kw);
        double[] dense = ReferenceConv.singularValues(k, h, w, true);
        double[] fft = FftConvCertifier.singularValues(k, h, w);
        assertEquals(dense.length, fft.length, "number of singular values");
        for (int i = 0; i < dense.length; i++) {
            assertEquals(dense[i], fft[i], 1e-9 * Math.max(1, dense[0]), "singular value " + i);
        }
        SpectralNorm norm = FftConvCertifier.spectralNorm(k, h, w, Padding.CIRCULAR);
        assertTrue(norm.bound() >= dense[0], "certified bound " + norm.bound() + " below dense σ_max " + dense[0]);
        assertEquals(dense[0], norm.bound(), 1e-9 * dense[0], "certified bound tight");
        assertEquals(dense[0], norm.value(), 1e-9 * dense[0], "converged value");
    }

    @ParameterizedTest(name = "h={0} w={1} cin={2} cout={3} k={4}")
    @CsvSource({"4,4,4,4,3", "5,5,2,3,2", "6,6,3,2,4", "4,5,2,2,1", "3,3,4,4,4", "6,4,1,2,3"})
    void fftCertifier_zeroPadding_boundAboveDenseSvd_equalsCircularOnEnlargedGrid_valueEqualsDense(
            int h, int w, int cin, int cout, int kk) {
        double[][][][] k = ReferenceConv.randomKernel(new SplittableRandom(7 + h * 100L + cin * 10 + kk), cout, cin, kk,
                kk);
        double zeroDense = ReferenceConv.singularValues(k, h, w, false)[0];
        double enlargedDense = ReferenceConv.singularValues(k, h + kk - 1, w + kk - 1, true)[0];
        SpectralNorm norm = FftConvCertifier.spectralNorm(k, h, w, Padding.ZERO);
        assertTrue(norm.bound() >= zeroDense - 1e-12, "FFT bound " + norm.bound() + " < zero-padded σ_max " + zeroDense);
        assertEquals(enlargedDense, norm.bound(), 1e-9 * enlargedDense, "bound = circular σ_max on (n+k−1) grid");
        assertEquals(zeroDense, norm.value(), 1e-6 * zeroDense, "Lanczos value on the zero-padded operator");
    }

    @ParameterizedTest(name = "h={0} w={1} cin={2} cout={3} k={4} circular={5}")
    @CsvSource({"5,4,3,2,3,true", "5,4,3,2,3,false", "4,4,2,4,2,true", "4,4,2,4,2,false", "3,5,1,1,5,true",
            "3,5,2,2,4,false"})
    void directConv_equalsDefiningSum_andAdjointIdentityHolds(int h, int w, int cin, int cout, int kk, boolean circ) {
        SplittableRandom rng = new SplittableRandom(h * 31L + kk);
        double[][][][] k = ReferenceConv.randomKernel(rng, cout, cin, kk, kk);
        double[][][] x = ReferenceConv.randomMap(rng, cin, h, w);
        double[][][] y = ReferenceConv.randomMap(rng, cout, h, w);
        Padding p = circ ? Padding.CIRCULAR : Padding.ZERO;
        double[][][] got = DirectConv2d.apply(k, x, p);
        double[][][] want = ReferenceConv.conv(k, x, circ);
        for (int o = 0; o < cout; o++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    assertEquals(want[o][r][s], got[o][r][s], 1e-12, "y[" + o + "][" + r + "][" + s + "]");
                }
            }
        }
        double lhs = dot(got, y);
        double rhs = dot(x, DirectConv2d.adjoint(k, y, p));
        assertEquals(lhs, rhs, 1e-10 * Math.max(1, Math.abs(lhs)), "⟨Ax, y⟩ = ⟨x, Aᵀy⟩");
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"4", "16"})
    void certifiedUpperBound_isAboveTruthEvenFromAPoorEstimate(int n) {
        // Oracle: A = Q diag(λ) Qᵀ with known eigenvalues; the estimate passed in is far too low.
        SplittableRandom rng = new SplittableRandom(n);
        double[][] q = new org.apache.commons.math3.linear.QRDecomposition(new org.apache.commons.math3.linear
                .Array2DRowRealMatrix(dev.lipschitzw1.critic.TestMatrices.gaussian(rng, n, n))).getQ().getData();
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = 1 + i;
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < n; t++) {
                    a[i][j] += q[i][t] * lambda[t] * q[j][t];
                }
            }
        }
        double bound = SymmetricMaxEigenvalue.certifiedUpperBound(a, 0.5, 0);
        assertTrue(bound >= n, "bound " + bound + " below λ_max " + n);
        double tight = SymmetricMaxEigenvalue.certifiedUpperBound(a, n, 0);
        assertTrue(tight >= n && tight <= n * (1 + 1e-8), "bound from an accurate estimate: " + tight);
    }

    private static double dot(double[][][] a, double[][][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int t = 0; t < a[i][j].length; t++) {
                    s += a[i][j][t] * b[i][j][t];
                }
            }
        }
        return s;
    }
}
