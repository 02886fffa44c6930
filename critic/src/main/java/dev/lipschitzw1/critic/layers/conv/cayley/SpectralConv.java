package dev.lipschitzw1.critic.layers.conv.cayley;

import dev.lipschitzw1.critic.tensor.HostBlas;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A circular convolution on n×n maps applied frequency by frequency, with its adjoint and its symbol gradient. With
 * F = n², m and ω running over the n×n grid, C[m, ω] = cos(2π(m_y·ω_y + m_x·ω_x)/n) and S[m, ω] the sine:
 * <pre>
 *   DFT:     X(ω) = Σ_m x(m)·e^{−2πi ω·m/n}             X_re = x·C,   X_im = −x·S              (x real)
 *   IDFT:    y(m) = (1/F)·Re Σ_ω Y(ω)·e^{+2πi ω·m/n}    y = (Y_re·C − Y_im·S)/F
 *   layer:   y = IDFT(Q(ω)·X(ω)),   adjoint x̄ = IDFT(Q(ω)ᴴ·Ḡ(ω)),   ∂L/∂Q(ω) = (1/F)·Ḡ(ω)·X(ω)ᴴ
 * </pre>
 * for Q(ω) [cout, cin] (Q(−ω) = conj Q(ω), so y is real), Ḡ = DFT(∂L/∂y), and ∂L/∂Q written as ∂L/∂Re + i∂L/∂Im with
 * every Q(ω) treated as free (the convention of {@link CayleyKernel#backward}). It is the same linear map as the
 * convolution with the kernel K = IDFT(Q) that {@link CayleyKernel#kernel()} materialises for export and
 * certification (tested to 1e-12 in double).
 *
 * <p>Why: that K is n×n, so its direct convolution costs n²/k² times a k×k one's (measured 7.4× a BCOP step for the
 * quick critic, docs/layers.md); here each DFT is one product with the F×F matrices C and S (ND4J has no FFT; at the
 * quick critic's n ≤ 16 a dense DFT is a few small BLAS products) and the per-frequency products are one batched
 * product of F small matrices. Spectra are held frequency-major, [F, batch, c], so that the frequency is the batch
 * axis of those products and no array is ever transposed in memory (the products take the transposes).
 */
final class SpectralConv {

    private final int n;
    private final int f;
    private final INDArray cos;
    private final INDArray sin;

    private SpectralConv(int n, INDArray cos, INDArray sin) {
        this.n = n;
        this.f = n * n;
        this.cos = cos;
        this.sin = sin;
    }

    /** The DFT matrices for n×n maps in {@code dataType}, allocated outside any workspace (they live with the layer). */
    static SpectralConv of(int n, DataType dataType) {
        int f = n * n;
        double[] c = new double[f * f];
        double[] s = new double[f * f];
        for (int m = 0; m < f; m++) {
            for (int w = 0; w < f; w++) {
                // the phase index mod n keeps the argument exact for large n
                int t = Math.floorMod((m / n) * (w / n) + (m % n) * (w % n), n);
                double a = 2 * Math.PI * t / n;
                c[m * f + w] = Math.cos(a);
                s[m * f + w] = Math.sin(a);
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new SpectralConv(n, Nd4j.createFromArray(c).reshape(f, f).castTo(dataType),
                    Nd4j.createFromArray(s).reshape(f, f).castTo(dataType));
        }
    }

    /** The map side n. */
    int side() {
        return n;
    }

    /** {X_re, X_im} [F, B, c] of real maps x [B, c, n, n]. */
    Spectrum dft(INDArray x) {
        long b = x.size(0);
        long c = x.size(1);
        INDArray flat = (HostBlas.dense(x) ? x : x.dup('c')).reshape(b * c, f);
        // [F, B·c] = C·xᵀ (C and S are symmetric): frequency-major without a transpose of the data
        INDArray re = Ops.matmul(cos, flat, false, true, 1.0);
        INDArray im = Ops.matmul(sin, flat, false, true, -1.0);
        return new Spectrum(re.reshape(f, b, c), im.reshape(f, b, c));
    }

    /** Re IDFT of a spectrum [F, B, c]: maps [B, c, n, n]. */
    INDArray idft(Spectrum y) {
        long b = y.re().size(1);
        long c = y.re().size(2);
        INDArray re = y.re().reshape(f, b * c);
        INDArray im = y.im().reshape(f, b * c);
        INDArray out = Ops.matmul(re, cos, true, false, 1.0 / f);
        Ops.matmul(im, sin, out, true, false, -1.0 / f, 1.0);
        return out.reshape(b, c, n, n);
    }

    /**
     * Q·x per frequency and batch element (Q [F, cout, cin], X [F, B, cin] → [F, B, cout]), or Qᴴ·x with {@code
     * adjoint} (X [F, B, cout] → [F, B, cin]); as rows, y_bᵀ = x_bᵀ·Qᵀ and (Qᴴx_b)ᵀ = x_bᵀ·conj Q.
     */
    static Spectrum apply(Spectrum q, Spectrum x, boolean adjoint) {
        // (a + ib)(c + id) = ac − bd + i(ad + bc), with (c + id) = Qᵀ, or conj Q = Q_re − iQ_im for the adjoint.
        boolean t = !adjoint;
        double s = adjoint ? -1 : 1;
        INDArray re = Ops.matmul(x.re(), q.re(), false, t, 1.0);
        Ops.matmul(x.im(), q.im(), re, false, t, -s, 1.0);
        INDArray im = Ops.matmul(x.re(), q.im(), false, t, s);
        Ops.matmul(x.im(), q.re(), im, false, t, 1.0, 1.0);
        return new Spectrum(re, im);
    }

    /**
     * Adds (1/F)·G·Xᴴ per frequency, summed over the batch (G [F, B, cout], X [F, B, cin]), to {@code acc}
     * [F, cout, cin], or returns it as a new spectrum when {@code acc} is null.
     */
    Spectrum accumulateOuter(Spectrum g, Spectrum x, Spectrum acc) {
        double a = 1.0 / f;
        if (acc == null) {
            INDArray re = Ops.matmul(g.re(), x.re(), true, false, a);
            INDArray im = Ops.matmul(g.im(), x.re(), true, false, a);
            acc = new Spectrum(re, im);
        } else {
            Ops.matmul(g.re(), x.re(), acc.re(), true, false, a, 1.0);
            Ops.matmul(g.im(), x.re(), acc.im(), true, false, a, 1.0);
        }
        // Σ_b g_b·x_bᴴ = Gᵀ·conj X: re += G_imᵀ·X_im, im −= G_reᵀ·X_im
        Ops.matmul(g.im(), x.im(), acc.re(), true, false, a, 1.0);
        Ops.matmul(g.re(), x.im(), acc.im(), true, false, -a, 1.0);
        return acc;
    }

    /** A complex array as its real and imaginary parts, frequency-major [F, ·, ·]. */
    record Spectrum(INDArray re, INDArray im) {
    }
}
