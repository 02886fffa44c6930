package dev.lipschitzw1.datasets.synthetic;

import java.util.SplittableRandom;

/** Plain double-precision vector arithmetic for the oracles of this package's tests (flattened images). */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** ‖a − b‖₂. */
    static double distance(double[] a, double[] b) {
        double sq = 0;
        for (int i = 0; i < a.length; i++) {
            sq += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sq);
    }

    /** A uniformly random unit vector of R^d (a normalised Gaussian). */
    static double[] gaussianUnit(int d, SplittableRandom rng) {
        double[] g = new double[d];
        for (int j = 0; j < d; j++) {
            g[j] = TranslationPair.gaussian(rng);
        }
        double norm = Math.sqrt(dot(g, g));
        for (int j = 0; j < d; j++) {
            g[j] /= norm;
        }
        return g;
    }
}
