package dev.lipschitzw1.critic.certify;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Certified Lipschitz constant of an SDP-based Lipschitz residual layer (SLL; Araujo et al., ICLR 2023, Theorem 3),
 * from its materialised weights, in double:
 * <pre>  y = x − 2 Aᵀ T⁻¹ σ(A x + b),   T = diag(t) ≻ 0,   σ slope-restricted in [0, 1] (ReLU)  </pre>
 * with A a convolution (kernel OIHW [inner][cin][k][k], inner channels i). The Jacobian is
 * J = I − 2 Aᵀ T⁻¹ D A = I − 2 Vᵀ D V with V = T^(−1/2) A and D = diag(σ') ∈ [0, I] (diagonal matrices commute), a
 * symmetric matrix with eigenvalues in [1 − 2‖V‖², 1]. So
 * <pre>  Lip(y) ≤ max(1, 2ρ² − 1),   ρ ≥ ‖T^(−1/2) A‖₂  </pre>
 * and the layer is 1-Lipschitz exactly when ρ ≤ 1, which is the theorem's condition T ⪰ AAᵀ. ρ is the FFT
 * certifier's bound of the convolution whose kernel rows are scaled by t_i^(−1/2) — the exact operator norm the
 * condition needs, checked on the map size and padding of the layer, whatever formula produced t (the layer's
 * Gershgorin-type choice t_i = Σ_j |AAᵀ|_ij q_j / q_i guarantees it up to rounding).
 */
public final class ResidualCertifier {

    private ResidualCertifier() {
    }

    /**
     * @param kernel A's kernel OIHW [inner][cin][k][k]
     * @param t      the diagonal of T, length inner, every entry &gt; 0
     * @throws InvalidConfigException if an entry of t is not positive and finite
     */
    public static LayerCertificate certify(String name, double[][][][] kernel, double[] t, int h, int w,
                                           Padding padding) {
        double[][][][] scaled = new double[kernel.length][][][];
        for (int i = 0; i < kernel.length; i++) {
            InvalidConfigException.require(t[i] > 0 && t[i] < Double.POSITIVE_INFINITY, name + ".t[" + i + "]", t[i],
                    "a positive finite number");
            double f = 1 / Math.sqrt(t[i]);
            scaled[i] = new double[kernel[i].length][][];
            for (int c = 0; c < kernel[i].length; c++) {
                scaled[i][c] = new double[kernel[i][c].length][];
                for (int p = 0; p < kernel[i][c].length; p++) {
                    scaled[i][c][p] = kernel[i][c][p].clone();
                    for (int q = 0; q < scaled[i][c][p].length; q++) {
                        scaled[i][c][p][q] *= f;
                    }
                }
            }
        }
        SpectralNorm rho = FftConvCertifier.spectralNorm(scaled, h, w, padding);
        double bound = Math.max(1, 2 * rho.bound() * rho.bound() - 1);
        double value = Math.max(1, 2 * rho.value() * rho.value() - 1);
        KernelShape ks = KernelShape.of(kernel);
        String shape = "residual " + ks.cin() + " ch, inner " + ks.cout() + " k=" + ks.kh() + "×" + ks.kw() + " on " + h
                + "×" + w + " " + padding.name().toLowerCase(java.util.Locale.ROOT);
        return new LayerCertificate(name, "residual", shape, bound, value,
                "SLL condition: max(1, 2ρ² − 1) with ρ = ‖T^(−1/2) A‖₂ = " + rho.value() + " (bound " + rho.bound()
                        + "; ≤ 1 ⇔ T ⪰ AAᵀ); ρ by " + rho.method());
    }
}
