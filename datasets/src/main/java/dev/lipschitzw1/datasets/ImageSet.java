package dev.lipschitzw1.datasets;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finite set of images of one shape, indexed 0…size−1. Sampling draws indices uniformly with replacement;
 * {@link #split} gives disjoint parts deterministically from a seed. Subclasses only say how to read one image,
 * so storage can be bytes in memory, floats in memory, or a file read on demand.
 */
public abstract class ImageSet implements ImageDistribution {
    private final String name;
    private final ImageShape shape;

    protected ImageSet(String name, ImageShape shape) {
        this.name = name;
        this.shape = shape;
    }

    /** Number of images. */
    public abstract int size();

    /** Writes image {@code index} (C·H·W values in [0, 1], CHW order) into {@code dst} from {@code offset}. */
    protected abstract void copyImage(int index, float[] dst, int offset);

    @Override
    public final ImageShape shape() {
        return shape;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The images at the given indices as a float32 [n, C, H, W] array, in the order given. */
    public INDArray images(int[] indices) {
        int d = shape.values();
        float[] buffer = new float[Math.multiplyExact(indices.length, d)];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            copyImage(indices[i], buffer, i * d);
        }
        return Nd4j.create(buffer, shape.batchShape(indices.length), 'c').castTo(DataType.FLOAT);
    }

    /** The images from {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public INDArray range(int from, int to) {
        InvalidConfigException.require(0 <= from && from <= to && to <= size(), "range", from + ".." + to,
                "0 ≤ from ≤ to ≤ " + size());
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return images(indices);
    }

    /** Writes image {@code index} (C·H·W values in [0, 1], CHW order) into {@code dst} from {@code offset}. */
    public final void readImage(int index, float[] dst, int offset) {
        checkIndex(index);
        copyImage(index, dst, offset);
    }

    /** Image {@code index} as a flat double vector (C·H·W values), e.g. for exact optimal transport. */
    public double[] imageAsDoubles(int index) {
        checkIndex(index);
        float[] f = new float[shape.values()];
        copyImage(index, f, 0);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    @Override
    public INDArray sample(int n, SplittableRandom rng) {
        InvalidConfigException.require(n >= 0, "sample.n", n, "≥ 0");
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = rng.nextInt(size());
        }
        return images(indices);
    }

    /**
     * {@code n} distinct images drawn uniformly without replacement: the first n indices of a Fisher–Yates shuffle
     * driven by {@code rng}, in that order (a view; no pixel data is copied). n = size() gives every image.
     *
     * @throws InvalidConfigException if n is not in 1…size()
     */
    public ImageSet subsample(int n, SplittableRandom rng) {
        InvalidConfigException.require(n >= 1 && n <= size(), "subsample.n", n,
                "1 to " + size() + " (the number of images in " + name + ")");
        return subset(name + "[" + n + " drawn]", Arrays.copyOf(shuffledIndices(size(), rng), n));
    }

    /** A view of the images at {@code indices} (copied), in that order; no pixel data is copied. */
    public ImageSet subset(String subsetName, int[] indices) {
        for (int index : indices) {
            checkIndex(index);
        }
        return new IndexedImageSet(subsetName, this, indices.clone());
    }

    /** The same images under another name (no copy). */
    public ImageSet withName(String newName) {
        int[] indices = new int[size()];
        Arrays.setAll(indices, i -> i);
        return new IndexedImageSet(newName, this, indices);
    }

    /** The first {@code n} images. */
    public ImageSet head(int n) {
        InvalidConfigException.require(n >= 1 && n <= size(), "head.n", n, "1 to " + size());
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return subset(name + "[:" + n + "]", indices);
    }

    /**
     * Splits into two disjoint parts by a seeded shuffle: the held-out part has round(size·heldOutFraction) images,
     * the rest is the training part. The same seed always gives the same split.
     */
    public Split split(double heldOutFraction, long seed) {
        InvalidConfigException.require(heldOutFraction > 0 && heldOutFraction < 1, "split.heldOutFraction",
                heldOutFraction, "in (0, 1)");
        int n = size();
        int heldOut = (int) Math.round(n * heldOutFraction);
        InvalidConfigException.require(heldOut >= 1 && heldOut <= n - 1, "split.heldOutFraction", heldOutFraction,
                "a fraction leaving at least one image on each side of " + n);
        int[] perm = shuffledIndices(n, new SplittableRandom(seed));
        int[] train = Arrays.copyOfRange(perm, 0, n - heldOut);
        int[] held = Arrays.copyOfRange(perm, n - heldOut, n);
        return new Split(subset(name + "/train", train), subset(name + "/held-out", held));
    }

    /** A uniformly random permutation of 0…n−1 (Fisher–Yates). */
    static int[] shuffledIndices(int n, SplittableRandom rng) {
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(name + ": image index " + index + ", expected 0 to " + (size() - 1));
        }
    }

    /** Two disjoint parts of one image set. */
    public record Split(ImageSet train, ImageSet heldOut) { }

    /** Indices into another set. */
    private static final class IndexedImageSet extends ImageSet {
        private final ImageSet base;
        private final int[] indices;

        IndexedImageSet(String name, ImageSet base, int[] indices) {
            super(name, base.shape());
            this.base = base;
            this.indices = indices;
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        protected void copyImage(int index, float[] dst, int offset) {
            base.copyImage(indices[index], dst, offset);
        }
    }
}
