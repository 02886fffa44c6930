package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;

/**
 * The moved side Q = T(P) of a funnel pair, image by image (a view; no pixel data is copied):
 * <pre>  y_i = c_{k_i} + λ_i·(x_i − c_{k_i}),   λ_i = 1 − τ_i ∈ [0, 1]  </pre>
 * with x_i image i of the base set and k_i its active funnel. Only k_i and λ_i are stored; an image costs O(d) to read.
 * y_i lies on the segment [c_{k_i}, x_i], inside [0, 1]^d because both ends are.
 */
final class FunnelImageSet extends MappedImageSet {
    private final FunnelPotential potential;
    private final int[] funnel;
    private final double[] keep;

    /**
     * @param funnel k_i per base image
     * @param keep λ_i per base image, the fraction of the distance to the apex that remains
     */
    FunnelImageSet(String name, ImageSet base, FunnelPotential potential, int[] funnel, double[] keep) {
        super(name, base);
        this.potential = potential;
        this.funnel = funnel;
        this.keep = keep;
    }

    /** k_i: the funnel whose apex image {@code index} moves toward (its cell under T). */
    int funnelOf(int index) {
        return funnel[index];
    }

    @Override
    protected void map(int index, float[] dst, int at) {
        float[] c = potential.apexView(funnel[index]);
        double lambda = keep[index];
        for (int p = 0; p < c.length; p++) {
            double y = c[p] + lambda * (dst[at + p] - c[p]);
            // y is between c_p and x_p up to one double rounding; the clamp keeps a rounding at an end of the
            // segment from leaving [0, 1] in float.
            dst[at + p] = Math.min(1f, Math.max(0f, (float) y));
        }
    }
}
