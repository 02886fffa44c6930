package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Images stored as unsigned 8-bit pixels in memory, CHW order per image, image after image; pixel value = byte / 255.
 * The form of every 8-bit data set (MNIST, CIFAR-10, STL-10, PNG folders): a quarter of the memory of floats.
 */
public final class ByteImageSet extends ImageSet {
    private final byte[] pixels;
    private final int size;

    /** Takes ownership of {@code pixels}, which must hold exactly size·C·H·W bytes. */
    public ByteImageSet(String name, ImageShape shape, byte[] pixels) {
        super(name, shape);
        InvalidConfigException.require(pixels.length % shape.values() == 0 && pixels.length > 0, "pixels.length",
                pixels.length, "a positive multiple of " + shape.values() + " (" + shape + ")");
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
        int base = index * d;
        for (int i = 0; i < d; i++) {
            dst[offset + i] = (pixels[base + i] & 0xFF) / 255f;
        }
    }

    /** The raw byte of value {@code v} of image {@code index} (CHW order). */
    public int rawPixel(int index, int v) {
        return pixels[index * shape().values() + v] & 0xFF;
    }
}
