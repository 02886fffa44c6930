package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;

/**
 * A view whose image i is computed from image i of a base set, y_i = g_i(x_i), when it is read; no pixel data is
 * copied. The pairs of this package use it so that P and Q stay paired by index at no memory cost.
 */
abstract class MappedImageSet extends ImageSet {
    private final ImageSet base;

    MappedImageSet(String name, ImageSet base) {
        super(name, base.shape());
        this.base = base;
    }

    @Override
    public final int size() {
        return base.size();
    }

    @Override
    protected final void copyImage(int index, float[] dst, int at) {
        base.readImage(index, dst, at);
        map(index, dst, at);
    }

    /** Replaces base image {@code index}, held in dst[at … at + C·H·W), by its mapped image (values in [0, 1]). */
    protected abstract void map(int index, float[] dst, int at);
}
