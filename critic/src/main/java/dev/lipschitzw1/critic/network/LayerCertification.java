package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.critic.certify.Certificate;
import dev.lipschitzw1.critic.certify.DenseCertifier;
import dev.lipschitzw1.critic.certify.FftConvCertifier;
import dev.lipschitzw1.critic.certify.LayerCertificate;
import dev.lipschitzw1.critic.certify.ResidualCertifier;
import dev.lipschitzw1.critic.layers.PlainConv;
import dev.lipschitzw1.critic.layers.PlainDense;
import dev.lipschitzw1.critic.layers.PlainFixed;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.layers.PlainResidual;
import dev.lipschitzw1.critic.layers.PlainStridedConv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Certifies materialised layers, each by the exact method for its type, in double:
 * <pre>
 *   PlainConv   FftConvCertifier on the layer's own map size and padding (circular: exact norm; zero: the enclosing
 *               circular operator's norm as the bound, Lanczos on the zero-padded operator as the value)
 *   PlainStridedConv  as its equivalent stride-1 conv on the pixel-unshuffled map (PlainStridedConv#unshuffledConv)
 *   PlainDense  DenseCertifier (σ_max with a Cholesky-proved upper bound)
 *   PlainResidual  ResidualCertifier (SLL: max(1, 2ρ² − 1), ρ = ‖T^(−1/2) A‖₂ by the FFT certifier)
 *   PlainFixed  its closed-form constant (1, or f for nearest upsampling)
 * </pre>
 * and multiplies the bounds ({@link Certificate#networkBound()}). The certificate's kind is the layer's construction
 * (BCOP, RKO, OSSN, Conv2d, BjorckLinear, Dense, MaxMin, …).
 */
public final class LayerCertification {

    private LayerCertification() {
    }

    public static Certificate certify(List<PlainLayer> layers) {
        List<LayerCertificate> out = new ArrayList<>();
        for (PlainLayer layer : layers) {
            out.add(certify(layer));
        }
        return new Certificate(out);
    }

    public static LayerCertificate certify(PlainLayer layer) {
        if (layer instanceof PlainConv c) {
            int[] s = c.inputShape();
            LayerCertificate lc = FftConvCertifier.certify(c.name(), c.kernel(), s[1], s[2], c.padding());
            return new LayerCertificate(c.name(), c.kind(), lc.shape(), lc.bound(), lc.value(), lc.method());
        }
        if (layer instanceof PlainStridedConv s) {
            // A pixel-unshuffle (a permutation) followed by this stride-1 conv: the same operator norm.
            LayerCertificate lc = certify(s.unshuffledConv());
            return new LayerCertificate(s.name(), s.kind(), "k=" + s.kernelSize() + " stride " + s.stride() + " pad "
                    + s.padding() + ", after a pixel-unshuffle: " + lc.shape(), lc.bound(), lc.value(),
                    lc.method() + " (the equivalent stride-1 conv)");
        }
        if (layer instanceof PlainDense d) {
            LayerCertificate lc = DenseCertifier.certify(d.name(), d.weight());
            return new LayerCertificate(d.name(), d.kind(), lc.shape(), lc.bound(), lc.value(), lc.method());
        }
        if (layer instanceof PlainResidual r) {
            int[] s = r.inputShape();
            LayerCertificate lc = ResidualCertifier.certify(r.name(), r.kernel(), r.t(), s[1], s[2], r.padding());
            return new LayerCertificate(r.name(), r.kind(), lc.shape(), lc.bound(), lc.value(), lc.method());
        }
        PlainFixed f = (PlainFixed) layer;
        String shape = Arrays.toString(f.inputShape()) + "→" + Arrays.toString(f.outputShape());
        double bound = f.lipschitzBound();
        return bound == 1.0 ? LayerCertificate.exactlyOne(f.name(), f.kind(), shape, f.howCertified())
                : new LayerCertificate(f.name(), f.kind(), shape, bound, bound, f.howCertified());
    }
}
