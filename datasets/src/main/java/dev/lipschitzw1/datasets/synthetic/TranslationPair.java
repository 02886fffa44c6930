package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;

/**
 * Translation pairs: Q = P + v for a fixed vector v in pixel space. Then W1(P, Q) = ‖v‖₂ exactly: the coupling
 * x ↦ x + v moves every image by ‖v‖ (so W1 ≤ ‖v‖), and the 1-Lipschitz linear critic f(x) = ⟨v/‖v‖, x⟩ attains
 * E_Q f − E_P f = ‖v‖ (so W1 ≥ ‖v‖).
 *
 * <p>So that Q stays in [0, 1], P is the base set squeezed affinely into [m, 1 − m] with m = max|vᵢ|:
 * P = m + (1 − 2m)·X. The value is exact for the float32 images produced, up to one float rounding per pixel.
 */
public final class TranslationPair {
    private TranslationPair() {
    }

    /**
     * P = m + (1 − 2m)·base, Q = P + v, with v a seeded random direction (Gaussian, normalised) of length
     * {@code norm}; m = max|vᵢ| must be below 1/2.
     */
    public static KnownW1Pair randomDirection(ImageSet base, double norm, long seed) {
        InvalidConfigException.require(norm > 0 && Double.isFinite(norm), "translation.norm", norm, "finite and > 0");
        int d = base.shape().values();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[d];
        double sq = 0;
        for (int i = 0; i < d; i++) {
            g[i] = gaussian(rng);
            sq += g[i] * g[i];
        }
        float[] v = new float[d];
        double scale = norm / Math.sqrt(sq);
        for (int i = 0; i < d; i++) {
            v[i] = (float) (g[i] * scale);
        }
        return of(base, v);
    }

    /** P = m + (1 − 2m)·base, Q = P + v, m = max|vᵢ| (must be below 1/2). W1 = ‖v‖₂. */
    public static KnownW1Pair of(ImageSet base, float[] v) {
        int d = base.shape().values();
        InvalidConfigException.require(v.length == d, "translation.v.length", v.length, d + " (" + base.shape() + ")");
        double m = 0;
        double sq = 0;
        for (float x : v) {
            InvalidConfigException.require(Float.isFinite(x), "translation.v", x, "finite entries");
            m = Math.max(m, Math.abs(x));
            sq += (double) x * x;
        }
        InvalidConfigException.require(m < 0.5, "translation.max|v_i|", m,
                "< 0.5 so that the squeezed images plus v stay in [0, 1]");
        float scale = (float) (1 - 2 * m);
        float offset = (float) m;
        double norm = Math.sqrt(sq);
        ImageSet p = new AffineImageSet(base.name() + "·squeezed", base, scale, offset, new float[d]);
        ImageSet q = new AffineImageSet(String.format("translate(%s, |v|=%.4g)", base.name(), norm), base, scale,
                offset, v.clone());
        return new KnownW1Pair(p, q, norm, "Q = P + v with |v|₂ = " + norm);
    }

    /** A standard normal draw by the Box–Muller transform (keeps everything on one SplittableRandom). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
