package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Brightness shift of a whole image set by c: P = (1 − c)·X (in [0, 1 − c]), Q = P + c·1. A translation by the
 * constant vector c·1, hence W1(P, Q) = c·√d exactly, d = C·H·W (see {@link TranslationPair}).
 */
public final class BrightnessShiftPair {
    private BrightnessShiftPair() {
    }

    /** P = (1 − c)·base, Q = P + c; W1 = c·√d. */
    public static KnownW1Pair of(ImageSet base, double c) {
        InvalidConfigException.require(c > 0 && c < 1, "brightness.shift", c, "in (0, 1)");
        int d = base.shape().values();
        float cf = (float) c;
        float[] shift = new float[d];
        java.util.Arrays.fill(shift, cf);
        float scale = 1f - cf;
        ImageSet p = new AffineImageSet(base.name() + "·dimmed", base, scale, 0f, new float[d]);
        ImageSet q = new AffineImageSet(String.format("brighten(%s, c=%.4g)", base.name(), c), base, scale, 0f, shift);
        double w1 = cf * Math.sqrt(d);
        return new KnownW1Pair(p, q, w1, "Q = P + c·1 with c = " + c + ", d = " + d + ": W1 = c·√d");
    }
}
