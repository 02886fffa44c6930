package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Images stored as float pixels in [0, 1] in memory (CHW per image, image after image), e.g. synthetic sets, or
 * images that already live in ND4J: {@link #fromArray} (an NCHW array) and {@link #fromIterator} (the features of a
 * DL4J {@code DataSetIterator}, such as {@code MnistDataSetIterator}'s flattened [N, 784] batches).
 */
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

    /**
     * The images of an NCHW array [N, C, H, W] with pixels in [0, 1] (any floating-point type; copied as float32).
     *
     * @throws ShapeMismatchException  unless the array has rank 4 and at least one image
     * @throws InvalidConfigException naming the first pixel [n, c, y, x] outside [0, 1] (or NaN)
     */
    public static FloatImageSet fromArray(String name, INDArray images) {
        long[] s = images.shape();
        if (images.rank() != 4 || s[0] < 1) {
            throw new ShapeMismatchException(name + ": NCHW images [N, C, H, W]", new int[] {-1, -1, -1, -1},
                    Arrays.stream(s).mapToInt(Math::toIntExact).toArray());
        }
        ImageShape shape = new ImageShape(Math.toIntExact(s[1]), Math.toIntExact(s[2]), Math.toIntExact(s[3]));
        float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return validated(name, shape, pixels, pixels.length);
    }

    /**
     * The features of every batch of {@code iterator} (reset first when it supports it; labels ignored) as images of
     * {@code shape}: each batch [b, C, H, W] or flattened [b, C·H·W], pixels in [0, 1] (divide 0–255 data by 255
     * first, or use the iterator's own scaling).
     *
     * @throws ShapeMismatchException  naming the batch whose features are neither shape
     * @throws InvalidConfigException if the iterator is empty, or naming the first pixel outside [0, 1]
     */
    public static FloatImageSet fromIterator(String name, DataSetIterator iterator, ImageShape shape) {
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        int d = shape.values();
        float[] pixels = new float[Math.max(d, 1024 * d)];
        int filled = 0;
        for (int batch = 0; iterator.hasNext(); batch++) {
            DataSet ds = iterator.next();
            INDArray f = ds.getFeatures();
            long[] s = f.shape();
            boolean flat = f.rank() == 2 && s[1] == d;
            boolean nchw = f.rank() == 4 && s[1] == shape.channels() && s[2] == shape.height() && s[3] == shape.width();
            if (!flat && !nchw) {
                throw new ShapeMismatchException(name + ": features of batch " + batch + " ([b, " + d + "] or [b, "
                        + shape.channels() + ", " + shape.height() + ", " + shape.width() + "])",
                        new int[] {-1, shape.channels(), shape.height(), shape.width()}, Arrays.stream(s).mapToInt(Math::toIntExact).toArray());
            }
            float[] values = f.castTo(DataType.FLOAT).dup('c').data().asFloat();
            if (filled + values.length > pixels.length) {
                pixels = Arrays.copyOf(pixels, Math.max(filled + values.length, Math.multiplyExact(2, pixels.length)));
            }
            System.arraycopy(values, 0, pixels, filled, values.length);
            filled += values.length;
        }
        InvalidConfigException.require(filled > 0, name + ": iterator", "no batches", "at least one image");
        return validated(name, shape, Arrays.copyOf(pixels, filled), filled);
    }

    /** Checks every pixel with its image and CHW position in the message, then takes ownership. */
    private static FloatImageSet validated(String name, ImageShape shape, float[] pixels, int length) {
        int d = shape.values();
        for (int k = 0; k < length; k++) {
            if (!(pixels[k] >= 0f && pixels[k] <= 1f)) {
                int within = k % d;
                int c = within / (shape.height() * shape.width());
                int y = within / shape.width() % shape.height();
                int x = within % shape.width();
                throw new InvalidConfigException(name + " pixel [" + k / d + ", " + c + ", " + y + ", " + x + "]",
                        pixels[k], "a value in [0, 1]");
            }
        }
        return new FloatImageSet(name, shape, pixels);
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
