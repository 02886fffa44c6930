package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Two mixtures of Diracs on the same K equidistant atoms with different weights a and b. The atoms are
 * xₖ = h·e_{πₖ} (a single pixel of height h on a black image, distinct pixels), so ‖xₖ − xₗ‖₂ = h·√2 for k ≠ l and
 * every coupling pays h·√2 per unit of moved mass. Hence
 * <pre>  W1(Σ aₖ δ(xₖ), Σ bₖ δ(xₖ)) = h·√2 · ½·Σₖ |aₖ − bₖ|  </pre>
 * (h√2 times the total-variation distance). For general atoms, the critic module's exact OT gives the value.
 */
public final class DiracMixturePair {
    private DiracMixturePair() {
    }

    /** Atoms light pixels 0, s, 2s, … (s = d / K, spread over the image) at height h ∈ (0, 1]. */
    public static KnownW1Pair equidistant(ImageShape shape, double[] a, double[] b, double height) {
        InvalidConfigException.require(a.length == b.length && a.length >= 2, "dirac.weights.length",
                a.length + " vs " + b.length, "two equal lengths ≥ 2");
        InvalidConfigException.require(height > 0 && height <= 1, "dirac.height", height, "in (0, 1]");
        int k = a.length;
        int d = shape.values();
        InvalidConfigException.require(k <= d, "dirac.atoms", k, "at most one atom per pixel (" + d + ")");
        float[][] atoms = new float[k][d];
        int stride = d / k;
        for (int i = 0; i < k; i++) {
            atoms[i][i * stride] = (float) height;
        }
        double tv = 0;
        for (int i = 0; i < k; i++) {
            tv += Math.abs(a[i] - b[i]);
        }
        double h = (float) height;
        double w1 = h * Math.sqrt(2) * tv / 2;
        return new KnownW1Pair(new DiracMixture("dirac-mixture(a)", shape, atoms, a),
                new DiracMixture("dirac-mixture(b)", shape, atoms, b), w1,
                k + " equidistant atoms at mutual distance h·√2: W1 = h·√2·TV(a, b)");
    }
}
