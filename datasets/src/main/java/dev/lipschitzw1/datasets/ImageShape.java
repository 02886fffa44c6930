package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * The shape C×H×W of one image (NCHW without N). Grayscale images have C = 1, RGB images C = 3.
 * The bound on the pixel count (2²⁴ values per image) keeps a corrupt header from asking for absurd allocations.
 */
public record ImageShape(int channels, int height, int width) {
    /** Largest C·H·W accepted: 16,777,216 values, e.g. 3×2364×2364. */
    public static final int MAX_VALUES = 1 << 24;

    public ImageShape {
        InvalidConfigException.require(channels >= 1 && channels <= 4, "image.channels", channels, "1 to 4");
        InvalidConfigException.require(height >= 1, "image.height", height, "≥ 1");
        InvalidConfigException.require(width >= 1, "image.width", width, "≥ 1");
        InvalidConfigException.require((long) channels * height * width <= MAX_VALUES, "image.size",
                channels + "×" + height + "×" + width, "at most " + MAX_VALUES + " values per image");
    }

    /** Number of values C·H·W of one image. */
    public int values() {
        return channels * height * width;
    }

    /** The NCHW shape of a batch of n images. */
    public long[] batchShape(int n) {
        return new long[] {n, channels, height, width};
    }

    /** As an int array {C, H, W}, for error messages. */
    public int[] toArray() {
        return new int[] {channels, height, width};
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
