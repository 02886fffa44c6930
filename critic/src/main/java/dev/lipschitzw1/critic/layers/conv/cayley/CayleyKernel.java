package dev.lipschitzw1.critic.layers.conv.cayley;

/**
 * The full-size circular kernel of a Cayley convolution (Trockman &amp; Kolter, ICLR 2021), in double, with its
 * backward pass. For a raw kernel W [k, k, cin, cout] (YXIO, flattened row-major), a scale α and n×n maps, with the
 * 2-D DFT written out (no FFT: the sizes are small and this keeps the class dependency-free):
 * <pre>
 *   Ŵ(ω)[o, c] = Σ_{p,q} W[p, q, c, o]·e^{iφ},   φ = 2π(ω_y(p − b) + ω_x(q − b))/n,   b = ⌊k/2⌋
 *   Q(ω) = cayley(α·Ŵ(ω)/‖Ŵ‖_F)          ({@link CayleyTransform}; ‖Ŵ‖_F over all n² frequencies)
 *   κ[s][o, c] = (1/n²)·Re Σ_ω Q(ω)[o, c]·e^{−iθ},   θ = 2π(ω_y s_y + ω_x s_x)/n
 *   K[p, q, c, o] = κ[(p − ⌊n/2⌋, q − ⌊n/2⌋) mod n]      the n×n kernel, YXIO
 * </pre>
 * Ŵ(ω) is the Fourier symbol of W's circular "same" convolution (ŷ(ω) = Ŵ(ω) x̂(ω), x̂ the DFT with e^{−i…}), so K's
 * convolution has symbol Q(ω): unitary per frequency (cin = cout), an isometry (cin &lt; cout) or a co-isometry
 * (cin &gt; cout), hence an orthogonal, isometric or 1-Lipschitz operator. Ŵ(−ω) = conj Ŵ(ω) and the Cayley transform
 * commutes with conjugation, so κ is real (the real part drops rounding only). Training never builds κ: the layer
 * applies Q per frequency ({@link SpectralConv}) and hands back G_Q = ∂L/∂Re Q + i∂L/∂Im Q; κ is materialised for
 * export and certification only. Backward from G_Q (G = ∂L/∂Re + i∂L/∂Im): G_Ŵn through {@link CayleyTransform#backward},
 * G_Ŵ = (α/‖Ŵ‖)G_Ŵn − (α/‖Ŵ‖³)·Re⟨Ŵ, G_Ŵn⟩·Ŵ, ∂L/∂α = Re⟨Ŵ, G_Ŵn⟩/‖Ŵ‖, ∂L/∂W[p, q, c, o] = Σ_ω Re(G_Ŵ(ω)[o, c]·e^{−iφ}).
 */
public final class CayleyKernel {

    private final int k;
    private final int cin;
    private final int cout;
    private final int n;
    private final double alpha;
    private final double norm;
    private final ComplexMatrix[] symbol;
    private final CayleyTransform[] transforms;
    private double[] kernel;
    private final double[] cos;
    private final double[] sin;

    private CayleyKernel(int k, int cin, int cout, int n, double alpha, double norm, ComplexMatrix[] symbol,
                         CayleyTransform[] transforms, double[] cos, double[] sin) {
        this.k = k;
        this.cin = cin;
        this.cout = cout;
        this.n = n;
        this.alpha = alpha;
        this.norm = norm;
        this.symbol = symbol;
        this.transforms = transforms;
        this.cos = cos;
        this.sin = sin;
    }

    /** ‖Ŵ‖_F for W [k, k, cin, cout] on n×n maps: the α that makes the initial Q the Cayley transform of Ŵ itself. */
    public static double symbolNorm(double[] w, int k, int cin, int cout, int n) {
        double s = 0;
        for (ComplexMatrix m : symbols(w, k, cin, cout, n, twiddle(n, true), twiddle(n, false))) {
            s += m.dot(m);
        }
        return Math.sqrt(s);
    }

    /** The construction for W [k, k, cin, cout] (YXIO, row-major), α and n×n maps. */
    public static CayleyKernel of(double[] w, int k, int cin, int cout, int n, double alpha) {
        double[] cos = twiddle(n, true);
        double[] sin = twiddle(n, false);
        ComplexMatrix[] symbol = symbols(w, k, cin, cout, n, cos, sin);
        double s = 0;
        for (ComplexMatrix m : symbol) {
            s += m.dot(m);
        }
        double norm = Math.sqrt(s);
        // Ŵ(−ω) = conj Ŵ(ω) and cayley(conj Z) = conj cayley(Z): only frequencies with f ≤ mirror(f) are transformed
        // (about half), the others are read as conjugates (q(f), backward), which also makes Q exactly Hermitian.
        CayleyTransform[] transforms = new CayleyTransform[n * n];
        for (int f = 0; f < n * n; f++) {
            if (mirror(f, n) >= f) {
                transforms[f] = CayleyTransform.of(symbol[f].scale(alpha / norm));
            }
        }
        return new CayleyKernel(k, cin, cout, n, alpha, norm, symbol, transforms, cos, sin);
    }

    /**
     * K [n, n, cin, cout], YXIO row-major: the kernel whose circular convolution has symbol Q, for export and
     * certification (built on first use: training applies Q per frequency, {@link SpectralConv}).
     */
    public double[] kernel() {
        if (kernel == null) {
            kernel = materialise();
        }
        return kernel.clone();
    }

    /**
     * Q(ω) for every frequency ω = (u_y, u_x), f = u_y·n + u_x: {re, im}, each [n², cout, cin] row-major.
     */
    public double[][] symbol() {
        double[] re = new double[n * n * cout * cin];
        double[] im = new double[re.length];
        for (int f = 0; f < n * n; f++) {
            ComplexMatrix q = q(f);
            System.arraycopy(q.re, 0, re, f * cout * cin, cout * cin);
            System.arraycopy(q.im, 0, im, f * cout * cin, cout * cin);
        }
        return new double[][] {re, im};
    }

    /** Q(f): computed, or the conjugate of its mirror frequency's. */
    private ComplexMatrix q(int f) {
        int m = mirror(f, n);
        return m >= f ? transforms[f].q() : transforms[m].q().conj();
    }

    /** The index of −ω for ω = (f / n, f mod n) on the n×n grid. */
    private static int mirror(int f, int n) {
        return Math.floorMod(-(f / n), n) * n + Math.floorMod(-(f % n), n);
    }

    private double[] materialise() {
        double[] kernel = new double[n * n * cin * cout];
        int centre = n / 2;
        for (int py = 0; py < n; py++) {
            for (int px = 0; px < n; px++) {
                int sy = Math.floorMod(py - centre, n);
                int sx = Math.floorMod(px - centre, n);
                for (int uy = 0; uy < n; uy++) {
                    for (int ux = 0; ux < n; ux++) {
                        int t = Math.floorMod(uy * sy + ux * sx, n);
                        double c = cos[t] / (n * n);
                        double si = sin[t] / (n * n);
                        ComplexMatrix q = q(uy * n + ux);
                        for (int o = 0; o < cout; o++) {
                            for (int ci = 0; ci < cin; ci++) {
                                // Re(Q·e^{−iθ}) = Re Q·cos θ + Im Q·sin θ
                                kernel[((py * n + px) * cin + ci) * cout + o] += q.re[o * cin + ci] * c
                                        + q.im[o * cin + ci] * si;
                            }
                        }
                    }
                }
            }
        }
        return kernel;
    }

    /**
     * {∂L/∂W [k, k, cin, cout], {∂L/∂α}} for G_Q = ∂L/∂Re Q + i∂L/∂Im Q given as {re, im}, each [n², cout, cin]
     * row-major (the layout of {@link #symbol()}).
     */
    public double[][] backward(double[] gradSymbolRe, double[] gradSymbolIm) {
        double[] gradW = new double[k * k * cin * cout];
        double dot = 0;
        ComplexMatrix[] gradSymbol = new ComplexMatrix[n * n];
        for (int f = 0; f < n * n; f++) {
            ComplexMatrix gq = ComplexMatrix.zeros(cout, cin);
            System.arraycopy(gradSymbolRe, f * cout * cin, gq.re, 0, cout * cin);
            System.arraycopy(gradSymbolIm, f * cout * cin, gq.im, 0, cout * cin);
            int m = mirror(f, n);
            // for Q(f) = conj cayley(Z(m)): G_Z(f) = conj(backward_m(conj G_Q(f)))
            gradSymbol[f] = m >= f ? transforms[f].backward(gq) : transforms[m].backward(gq.conj()).conj();
            dot += symbol[f].dot(gradSymbol[f]);
        }
        double scale = alpha / norm;
        double correction = alpha * dot / (norm * norm * norm);
        int b = k / 2;
        for (int uy = 0; uy < n; uy++) {
            for (int ux = 0; ux < n; ux++) {
                int f = uy * n + ux;
                ComplexMatrix g = gradSymbol[f].combine(scale, symbol[f], -correction);
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        int t = Math.floorMod(uy * (p - b) + ux * (q - b), n);
                        for (int ci = 0; ci < cin; ci++) {
                            for (int o = 0; o < cout; o++) {
                                // Re(G·e^{−iφ}) = Re G·cos φ + Im G·sin φ
                                gradW[((p * k + q) * cin + ci) * cout + o] += g.re[o * cin + ci] * cos[t]
                                        + g.im[o * cin + ci] * sin[t];
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {gradW, {dot / norm}};
    }

    private static ComplexMatrix[] symbols(double[] w, int k, int cin, int cout, int n, double[] cos, double[] sin) {
        int b = k / 2;
        ComplexMatrix[] out = new ComplexMatrix[n * n];
        for (int uy = 0; uy < n; uy++) {
            for (int ux = 0; ux < n; ux++) {
                ComplexMatrix m = ComplexMatrix.zeros(cout, cin);
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        int t = Math.floorMod(uy * (p - b) + ux * (q - b), n);
                        for (int ci = 0; ci < cin; ci++) {
                            for (int o = 0; o < cout; o++) {
                                double v = w[((p * k + q) * cin + ci) * cout + o];
                                m.re[o * cin + ci] += v * cos[t];
                                m.im[o * cin + ci] += v * sin[t];
                            }
                        }
                    }
                }
                out[uy * n + ux] = m;
            }
        }
        return out;
    }

    /** cos or sin of 2πm/n, m = 0 … n − 1. */
    private static double[] twiddle(int n, boolean cosine) {
        double[] t = new double[n];
        for (int m = 0; m < n; m++) {
            double a = 2 * Math.PI * m / n;
            t[m] = cosine ? Math.cos(a) : Math.sin(a);
        }
        return t;
    }
}
