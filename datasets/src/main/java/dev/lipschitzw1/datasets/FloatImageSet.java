package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;

/** Images stored as float pixels in [0, 1] in memory (CHW per image, image after image), e.g. synthetic sets. */
public final class FloatImageSet extends ImageSet {
    private final float[] pixels;
    private final int size;

    /** Takes ownership of {@code pixels}; every value must lie in [0, 1] (NaN refused). */
    public FloatImageSet(String name, ImageShape shape, float[] pixels) {
        super(name, shape);
        InvalidConfigException.require(pixels.length % shape.values() == 0 && pixels.length > 0, "pixels.length",
                pixels.length, "a positive multiple of " + shape.values() + " (" + shape + ")");
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
                throw new InvalidConfigException("pixels[" + i + "]", pixels[i], "a value in [0, 1]");
            }
        }
        this.pixels = pixels;
        this.size = pixels.length / shape.values();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    protected void copyImage(int index, float[] dst, int offset) {
        int d = shape().values();
        System.arraycopy(pixels, index * d, dst, offset, d);
    }
}
