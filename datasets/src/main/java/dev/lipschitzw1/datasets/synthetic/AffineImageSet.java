package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageSet;

/** The view y = scale·x + offset + shift (shift per pixel) of another image set; no pixel data is copied. */
final class AffineImageSet extends MappedImageSet {
    private final float scale;
    private final float offset;
    private final float[] shift;

    AffineImageSet(String name, ImageSet base, float scale, float offset, float[] shift) {
        super(name, base);
        this.scale = scale;
        this.offset = offset;
        this.shift = shift;
    }

    @Override
    protected void map(int index, float[] dst, int at) {
        for (int i = 0; i < shift.length; i++) {
            dst[at + i] = scale * dst[at + i] + offset + shift[i];
        }
    }
}
