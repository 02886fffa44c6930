package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random smooth images, a stand-in for natural images of any shape (e.g. 3×32×32 when no CIFAR-10 is at hand):
 * <pre>
 *   x_c(i, j) = σ(s(i, j) + ½·g_c(i, j) + m_c),   σ(z) = 1 / (1 + e^(−z))
 *   g(i, j)   = Σ_f a_f·cos(2π·(f_y·i/H + f_x·j/W) + φ_f),   a_f ~ N(0, 1)·2 / (1 + |f|²),   φ_f ~ U[0, 2π)
 * </pre>
 * per image: s a field shared by the channels (so colours correlate, as in photographs), g_c one field per channel,
 * m_c ~ N(0, 0.3²) a colour cast. The frequencies f = (f_y, f_x) are the 14 with 0 &lt; |f| ≤ 3 in a half plane
 * (f_y &gt; 0, or f_y = 0 and f_x &gt; 0): wavelengths of at least a third of the image, amplitudes falling as 1/|f|².
 * Pixels lie in [0, 1] (in (0, 1) before rounding to float); per-pixel mean ≈ 0.50, sd ≈ 0.28 on 3×32×32.
 * Deterministic: one {@code SplittableRandom(seed)} draws the images in order. Cost O(n·(C + 1)·14·H·W).
 */
public final class SmoothRandomImages {
    /** Largest |f|: the lowest frequencies only, so images are smooth at any size. */
    static final int MAX_FREQUENCY = 3;
    /** Weight of the per-channel field against the shared one. */
    private static final double CHANNEL_WEIGHT = 0.5;
    /** Standard deviation of the per-image colour cast m_c. */
    private static final double CAST_SD = 0.3;
    /** Amplitude scale: the fields have sd ≈ 1.2, so σ spreads pixels over most of (0, 1). */
    private static final double AMPLITUDE = 2.0;

    private SmoothRandomImages() {
    }

    /**
     * n images of {@code shape}.
     * @throws InvalidConfigException if n &lt; 1 or n·C·H·W exceeds an int
     */
    public static FloatImageSet generate(ImageShape shape, int n, long seed) {
        int d = shape.values();
        InvalidConfigException.require(n >= 1 && (long) n * d <= Integer.MAX_VALUE - 8, "smooth.n", n,
                "1 to " + (Integer.MAX_VALUE - 8) / d + " images of " + shape);
        int h = shape.height();
        int w = shape.width();
        int[][] modes = modes();
        double[][] colCos = new double[modes.length][w];
        double[][] colSin = new double[modes.length][w];
        for (int m = 0; m < modes.length; m++) {
            for (int j = 0; j < w; j++) {
                double beta = 2 * Math.PI * modes[m][1] * j / w;
                colCos[m][j] = Math.cos(beta);
                colSin[m][j] = Math.sin(beta);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pixels = new float[n * d];
        double[] shared = new double[h * w];
        double[] own = new double[h * w];
        for (int img = 0; img < n; img++) {
            field(shared, modes, colCos, colSin, h, w, rng);
            for (int c = 0; c < shape.channels(); c++) {
                field(own, modes, colCos, colSin, h, w, rng);
                double cast = CAST_SD * TranslationPair.gaussian(rng);
                int at = img * d + c * h * w;
                for (int q = 0; q < h * w; q++) {
                    pixels[at + q] = (float) (1 / (1 + Math.exp(-(shared[q] + CHANNEL_WEIGHT * own[q] + cast))));
                }
            }
        }
        return new FloatImageSet(String.format("smooth-random(%s, n=%d, seed=%d)", shape, n, seed), shape, pixels);
    }

    /** Writes one random field g (see the class comment) into {@code out}, H·W values row-major. */
    private static void field(double[] out, int[][] modes, double[][] colCos, double[][] colSin, int h, int w,
            SplittableRandom rng) {
        Arrays.fill(out, 0);
        for (int m = 0; m < modes.length; m++) {
            int fy = modes[m][0];
            double a = TranslationPair.gaussian(rng) * AMPLITUDE / (1 + fy * fy + modes[m][1] * modes[m][1]);
            double phase = 2 * Math.PI * rng.nextDouble();
            for (int i = 0; i < h; i++) {
                // cos(α + β) = cos α·cos β − sin α·sin β with α (row and phase) and β (column, tabulated).
                double alpha = 2 * Math.PI * fy * i / h + phase;
                double ca = a * Math.cos(alpha);
                double sa = a * Math.sin(alpha);
                for (int j = 0; j < w; j++) {
                    out[i * w + j] += ca * colCos[m][j] - sa * colSin[m][j];
                }
            }
        }
    }

    /** The frequencies (f_y, f_x) with 0 &lt; f_y² + f_x² ≤ MAX_FREQUENCY², one of each ± pair. */
    static int[][] modes() {
        List<int[]> out = new ArrayList<>();
        for (int fy = 0; fy <= MAX_FREQUENCY; fy++) {
            for (int fx = -MAX_FREQUENCY; fx <= MAX_FREQUENCY; fx++) {
                boolean halfPlane = fy > 0 || fx > 0;
                if (halfPlane && fy * fy + fx * fx <= MAX_FREQUENCY * MAX_FREQUENCY) {
                    out.add(new int[] {fy, fx});
                }
            }
        }
        return out.toArray(new int[0][]);
    }
}
