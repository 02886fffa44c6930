package dev.lipschitzw1.critic.certify;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Exact spectral norm of a stride-1 convolution in double precision, by the Fourier symbol (Sedghi, Gupta &amp; Long,
 * ICLR 2019). For K in OIHW layout [cout][cin][k_h][k_w] acting circularly on h×w maps (convention of
 * {@link DirectConv2d}), the operator is unitarily block-diagonalised by the 2-D DFT, with blocks
 * <pre>  K̂(u, v) = Σ_{p,q} K[:, :, p, q] · e^{−2πi(u·p/h + v·q/w)},   u = 0 … h−1,  v = 0 … w−1  </pre>
 * (cout×cin complex), so its singular values are those of all K̂(u, v) and ‖conv‖₂ = max_{u,v} σ_max(K̂(u, v)).
 * (The padding offset b only multiplies K̂ by a unit phase.) For real K, K̂(−u, −v) = conj K̂(u, v): only one of each
 * conjugate pair is computed.
 * <p>
 * σ_max per frequency: A = K̂ᴴK̂ (or K̂K̂ᴴ, the smaller) is embedded as the real symmetric [[Re A, −Im A], [Im A, Re A]]
 * (same eigenvalues, each twice); Lanczos gives λ̂ ≤ λ_max and a Cholesky factorisation of (μ − c)I − A proves
 * λ_max &lt; μ just above λ̂ (see {@code SymmetricMaxEigenvalue}). A Ritz residual alone would not do: it bounds the
 * distance to <em>some</em> eigenvalue, not to the largest. The certified bound adds the rounding errors of the DFT and
 * of forming A:
 * <pre>  bound = (√(μ + (2m + 4)·u·‖K̂‖_F²) + 2(k_h k_w + 4)·u·√(Σ_{o,i}(Σ_{p,q}|K[o,i,p,q]|)²))·(1 + 4u),   u = 2⁻⁵³  </pre>
 * (m = the larger channel count). Cost per frequency O(cout·cin·min(cout, cin)) to form A plus (2·min)³/6 for the
 * Cholesky.
 * <p>
 * {@link Padding#ZERO}: the zero-padded conv is a cropped restriction of the circular conv on the
 * (h + k_h − 1)×(w + k_w − 1) grid, so the same computation on that grid is a certified bound (not the exact norm); the
 * exact figure comes from Lanczos on the zero-padded operator's normal operator AᵀA itself (the pinned convolution of
 * {@link DirectConv2d}), reported as the {@link SpectralNorm#value()}.
 */
public final class FftConvCertifier {

    /** Lanczos stopping rule: Ritz residual ≤ this × the Ritz value. */
    static final double LANCZOS_TOLERANCE = 1e-13;
    /** Lanczos step cap (full re-orthogonalisation keeps every vector). */
    static final int LANCZOS_MAX_STEPS = 300;

    private FftConvCertifier() {
    }

    /**
     * Certified bound and converged value of ‖conv‖₂ on h×w maps.
     *
     * @throws InvalidConfigException if h or w is below 1
     */
    public static SpectralNorm spectralNorm(double[][][][] kernel, int h, int w, Padding padding) {
        KernelShape ks = KernelShape.of(kernel);
        requireMap(h, w);
        if (padding == Padding.CIRCULAR) {
            return circular(kernel, ks, h, w);
        }
        int gh = h + ks.kh() - 1;
        int gw = w + ks.kw() - 1;
        SpectralNorm fft = circular(kernel, ks, gh, gw);
        double exact = Math.sqrt(Math.max(0, zeroPaddedLanczos(kernel, ks, h, w).value()));
        return new SpectralNorm(fft.bound(), Math.min(exact, fft.bound()),
                "bound: FFT of the circular conv on the " + gh + "×" + gw + " grid enclosing the zero-padded one; value: "
                        + "Lanczos on the zero-padded operator AᵀA (" + h + "×" + w + ")");
    }

    /** {@link #spectralNorm} as a layer certificate of kind "conv". */
    public static LayerCertificate certify(String name, double[][][][] kernel, int h, int w, Padding padding) {
        SpectralNorm n = spectralNorm(kernel, h, w, padding);
        KernelShape ks = KernelShape.of(kernel);
        String shape = ks.cin() + "→" + ks.cout() + " k=" + ks.kh() + "×" + ks.kw() + " on " + h + "×" + w + " "
                + padding.name().toLowerCase(java.util.Locale.ROOT);
        return new LayerCertificate(name, "conv", shape, n.bound(), n.value(), n.method());
    }

    /**
     * All singular values of the circular convolution on the h×w grid, in descending order: h·w·min(cout, cin) values
     * (Commons Math SVD of each real-embedded K̂(u, v); O(h·w·cout·cin·min(cout, cin)), meant for tests and small layers).
     * For a zero-padded conv, pass the (h + k − 1)×(w + k − 1) grid to get the enclosing circular operator's values.
     */
    public static double[] singularValues(double[][][][] kernel, int h, int w) {
        KernelShape ks = KernelShape.of(kernel);
        requireMap(h, w);
        int per = Math.min(ks.cout(), ks.cin());
        double[] all = new double[h * w * per];
        int filled = 0;
        double[][] re = new double[ks.cout()][ks.cin()];
        double[][] im = new double[ks.cout()][ks.cin()];
        for (int u = 0; u < h; u++) {
            for (int v = 0; v < w; v++) {
                int partner = Math.floorMod(-u, h) * w + Math.floorMod(-v, w);
                int self = u * w + v;
                if (self > partner) {
                    continue;
                }
                symbol(kernel, ks, h, w, u, v, re, im);
                double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(embed(re, im), false))
                        .getSingularValues();
                int copies = self == partner ? 1 : 2;
                for (int c = 0; c < copies; c++) {
                    for (int i = 0; i < per; i++) {
                        all[filled++] = sv[2 * i];
                    }
                }
            }
        }
        Arrays.sort(all);
        for (int i = 0, j = all.length - 1; i < j; i++, j--) {
            double t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return all;
    }

    private static SpectralNorm circular(double[][][][] kernel, KernelShape ks, int h, int w) {
        double u = SymmetricMaxEigenvalue.U;
        double absSq = 0;
        for (double[][][] ko : kernel) {
            for (double[][] koc : ko) {
                double s = 0;
                for (double[] row : koc) {
                    for (double x : row) {
                        s += Math.abs(x);
                    }
                }
                absSq += s * s;
            }
        }
        double dftError = 2 * (ks.kh() * ks.kw() + 4) * u * Math.sqrt(absSq);
        int rows = Math.max(ks.cout(), ks.cin());
        double bound = 0;
        double value = 0;
        double[][] re = new double[ks.cout()][ks.cin()];
        double[][] im = new double[ks.cout()][ks.cin()];
        for (int fu = 0; fu < h; fu++) {
            for (int fv = 0; fv < w; fv++) {
                if (fu * w + fv > Math.floorMod(-fu, h) * w + Math.floorMod(-fv, w)) {
                    continue;
                }
                symbol(kernel, ks, h, w, fu, fv, re, im);
                double[][] gram = ks.cout() >= ks.cin() ? HermitianGram.ofColumns(re, im) : HermitianGram.ofRows(re, im);
                double frobSq = HermitianGram.frobeniusSquared(re, im);
                double formError = (2 * rows + 4) * u * frobSq * 1.01;
                SymmetricMaxEigenvalue.Ritz ritz = SymmetricMaxEigenvalue.lanczos(SymmetricMaxEigenvalue.dense(gram),
                        LANCZOS_MAX_STEPS, LANCZOS_TOLERANCE);
                double mu = SymmetricMaxEigenvalue.certifiedUpperBound(gram, ritz.value(), formError);
                double b = Math.nextUp((Math.sqrt(mu) + dftError) * (1 + 4 * u));
                bound = Math.max(bound, b);
                value = Math.max(value, Math.sqrt(Math.max(0, ritz.value())));
            }
        }
        return new SpectralNorm(bound, Math.min(value, bound), "FFT (Sedghi et al.) on the " + h + "×" + w
                + " circular grid; per frequency Lanczos value and Cholesky-certified bound");
    }

    /** K̂(u, v) into re/im [cout][cin]. Phases from exact integer reduction of u·p/h + v·q/w. */
    static void symbol(double[][][][] kernel, KernelShape ks, int h, int w, int u, int v, double[][] re, double[][] im) {
        int kh = ks.kh();
        int kw = ks.kw();
        double[] cr = new double[kh * kw];
        double[] ci = new double[kh * kw];
        long period = (long) h * w;
        for (int p = 0; p < kh; p++) {
            for (int q = 0; q < kw; q++) {
                long num = (Math.floorMod((long) u * p, h) * w + Math.floorMod((long) v * q, w) * h) % period;
                double angle = 2 * Math.PI * num / period;
                cr[p * kw + q] = Math.cos(angle);
                ci[p * kw + q] = -Math.sin(angle);
            }
        }
        for (int o = 0; o < ks.cout(); o++) {
            for (int c = 0; c < ks.cin(); c++) {
                double[][] k2 = kernel[o][c];
                double sr = 0;
                double si = 0;
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        double x = k2[p][q];
                        sr += x * cr[p * kw + q];
                        si += x * ci[p * kw + q];
                    }
                }
                re[o][c] = sr;
                im[o][c] = si;
            }
        }
    }

    /** Real embedding [[Re, −Im], [Im, Re]] of a complex matrix: same singular values, each twice. */
    static double[][] embed(double[][] re, double[][] im) {
        int m = re.length;
        int n = re[0].length;
        double[][] e = new double[2 * m][2 * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                e[i][j] = re[i][j];
                e[i][j + n] = -im[i][j];
                e[i + m][j] = im[i][j];
                e[i + m][j + n] = re[i][j];
            }
        }
        return e;
    }

    /** Lanczos on AᵀA (or AAᵀ when cout &lt; cin) of the zero-padded convolution A on h×w maps. */
    private static SymmetricMaxEigenvalue.Ritz zeroPaddedLanczos(double[][][][] kernel, KernelShape ks, int h, int w) {
        ConvOperator conv = new ConvOperator(kernel);
        boolean normalOnInput = ks.cin() <= ks.cout();
        int dim = (normalOnInput ? ks.cin() : ks.cout()) * h * w;
        double[] mid = new double[(normalOnInput ? ks.cout() : ks.cin()) * h * w];
        SymmetricMaxEigenvalue.Operator op = new SymmetricMaxEigenvalue.Operator() {
            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void apply(double[] x, double[] y) {
                conv.apply(x, mid, h, w, Padding.ZERO, !normalOnInput);
                conv.apply(mid, y, h, w, Padding.ZERO, normalOnInput);
            }
        };
        return SymmetricMaxEigenvalue.lanczos(op, LANCZOS_MAX_STEPS, LANCZOS_TOLERANCE);
    }

    private static void requireMap(int h, int w) {
        InvalidConfigException.require(h >= 1, "certify.mapHeight", h, "an integer ≥ 1");
        InvalidConfigException.require(w >= 1, "certify.mapWidth", w, "an integer ≥ 1");
    }
}
