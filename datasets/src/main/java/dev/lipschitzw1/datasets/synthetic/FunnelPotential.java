package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minimum of K funnels (cones) over flattened images, after Korotin, Kolesov &amp; Burnaev (NeurIPS 2022,
 * "Kantorovich Strikes Back!"):
 * <pre>  u(x) = min_k f_k(x),   f_k(x) = ‖x − c_k‖₂ + b_k  </pre>
 * with apexes c_k ∈ [0, 1]^d and offsets b_k. Each funnel is the supremum of the affine functions ⟨a, x − c_k⟩ + b_k
 * over all unit vectors a, so u is a minimum of maxima of affine functions with unit-norm slopes.
 * <ul>
 *   <li><b>1-Lipschitz</b> in L2: f_k(x) ≤ f_k(y) + ‖x − y‖ (triangle inequality), and a minimum of such functions
 *       keeps the bound: |u(x) − u(y)| ≤ ‖x − y‖ for all x, y.</li>
 *   <li><b>Gradient</b> ∇u(x) = (x − c_k)/‖x − c_k‖ with k the active funnel (the smallest f_k(x)): a unit vector
 *       wherever u is differentiable (x off the apexes and off the ties between funnels, a null set).</li>
 *   <li><b>Transport rays</b>: on the segment from x to the apex c_k of its active funnel, u falls at rate 1, which is
 *       what makes it an optimal critic for {@link FunnelPair} (proof there).</li>
 * </ul>
 * Evaluated in double on float or double pixels; cost O(K·d) per image. Ties go to the smallest index k.
 * Immutable: apexes and offsets are copied in and out.
 */
public final class FunnelPotential {
    private final ImageShape shape;
    private final float[][] apexes;
    private final double[] offsets;

    /**
     * @param apexes K ≥ 1 images of C·H·W values in [0, 1] (copied)
     * @param offsets K finite offsets b_k (copied)
     */
    FunnelPotential(ImageShape shape, float[][] apexes, double[] offsets) {
        InvalidConfigException.require(apexes.length >= 1 && apexes.length == offsets.length, "funnel.apexes",
                apexes.length, "≥ 1 apexes, as many as offsets (" + offsets.length + ")");
        int d = shape.values();
        this.shape = shape;
        this.apexes = new float[apexes.length][];
        this.offsets = offsets.clone();
        for (int k = 0; k < apexes.length; k++) {
            InvalidConfigException.require(apexes[k].length == d, "funnel.apexes[" + k + "].length",
                    apexes[k].length, d + " (" + shape + ")");
            for (float c : apexes[k]) {
                InvalidConfigException.require(c >= 0f && c <= 1f, "funnel.apexes[" + k + "]", c, "values in [0, 1]");
            }
            InvalidConfigException.require(Double.isFinite(offsets[k]), "funnel.offsets[" + k + "]", offsets[k],
                    "a finite number");
            this.apexes[k] = apexes[k].clone();
        }
    }

    /**
     * u(x) = min_k ‖x − c_k‖ + b_k for an image of C·H·W values.
     * @throws ShapeMismatchException if x does not have C·H·W values
     */
    public double value(float[] x) {
        return value(toDoubles(x));
    }

    /**
     * u(x) = min_k ‖x − c_k‖ + b_k for an image of C·H·W values.
     * @throws ShapeMismatchException if x does not have C·H·W values
     */
    public double value(double[] x) {
        double[] r = distances(x);
        int k = activeGivenDistances(r);
        return r[k] + offsets[k];
    }

    /**
     * u of every image of an [n, C, H, W] batch (as the critic sees it), in double.
     * @throws ShapeMismatchException if the batch is not [n, C, H, W] for this potential's shape
     */
    public double[] values(INDArray images) {
        long[] s = images.shape();
        if (s.length != 4 || s[1] != shape.channels() || s[2] != shape.height() || s[3] != shape.width()) {
            int[] found = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                found[i] = (int) s[i];
            }
            throw new ShapeMismatchException("FunnelPotential.values: a batch [n, C, H, W] (−1: any n)",
                    new int[] {-1, shape.channels(), shape.height(), shape.width()}, found);
        }
        if (s[0] == 0) {
            return new double[0];
        }
        double[][] rows = images.castTo(DataType.DOUBLE).reshape('c', s[0], shape.values()).toDoubleMatrix();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = value(rows[i]);
        }
        return out;
    }

    /**
     * ∇u(x) = (x − c_k)/‖x − c_k‖ for the active funnel k (smallest index on ties, where u has no gradient and this is
     * the one-sided gradient of that funnel); the zero vector at an apex, an element of the subdifferential there.
     * @throws ShapeMismatchException if x does not have C·H·W values
     */
    public double[] gradient(double[] x) {
        double[] r = distances(x);
        int k = activeGivenDistances(r);
        double[] g = new double[x.length];
        if (r[k] == 0) {
            return g;
        }
        float[] c = apexes[k];
        for (int p = 0; p < g.length; p++) {
            g[p] = (x[p] - c[p]) / r[k];
        }
        return g;
    }

    /**
     * The index k of the funnel that attains the minimum at x (smallest index on ties).
     * @throws ShapeMismatchException if x does not have C·H·W values
     */
    public int activeFunnel(double[] x) {
        return activeGivenDistances(distances(x));
    }

    /** K, the number of funnels. */
    public int funnels() {
        return apexes.length;
    }

    /** Apex c_k as doubles (C·H·W values in [0, 1]). */
    public double[] apex(int k) {
        return toDoubles(apexes[k]);
    }

    /** Offset b_k. */
    public double offset(int k) {
        return offsets[k];
    }

    public ImageShape shape() {
        return shape;
    }

    /** ‖x − c_k‖₂ for every k, accumulated in double. */
    double[] distances(double[] x) {
        if (x.length != shape.values()) {
            throw new ShapeMismatchException("FunnelPotential: image of " + shape, new int[] {shape.values()},
                    new int[] {x.length});
        }
        double[] r = new double[apexes.length];
        for (int k = 0; k < apexes.length; k++) {
            float[] c = apexes[k];
            double sq = 0;
            for (int p = 0; p < x.length; p++) {
                double e = x[p] - c[p];
                sq += e * e;
            }
            r[k] = Math.sqrt(sq);
        }
        return r;
    }

    /** argmin_k r_k + b_k given the distances r_k = ‖x − c_k‖, smallest index on ties: the one rule for "active". */
    int activeGivenDistances(double[] r) {
        int best = 0;
        for (int k = 1; k < r.length; k++) {
            if (r[k] + offsets[k] < r[best] + offsets[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Apex c_k itself (not copied): for the package's transport map, which reads it per image. */
    float[] apexView(int k) {
        return apexes[k];
    }

    static double[] toDoubles(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
