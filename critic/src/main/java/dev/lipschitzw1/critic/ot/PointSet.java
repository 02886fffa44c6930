package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NonFiniteValueException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * n points of R^d stored row-major in one flat array ({@code data[i·d + k]} is coordinate k of point i), checked at
 * construction: at least one point, equal row lengths, every coordinate finite. Package-private carrier; the array is
 * owned by this object and never handed out to callers outside the package.
 */
final class PointSet {
    private final String name;
    private final double[] data;
    private final int size;
    private final int dim;

    private PointSet(String name, double[] data, int size, int dim) {
        this.name = name;
        this.data = data;
        this.size = size;
        this.dim = dim;
        InvalidConfigException.require(dim >= 1, name + ".dimension", dim, "at least one coordinate per point");
        requireFinite();
    }

    /** Copies {@code rows} (each of the same length d ≥ 1) into a point set named {@code name}. */
    static PointSet of(String name, double[][] rows) {
        requireNonEmpty(name, rows.length);
        int dim = rows[0].length;
        double[] data = new double[Math.multiplyExact(rows.length, dim)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new ShapeMismatchException(name + " row " + i, new int[] {dim}, new int[] {rows[i].length});
            }
            System.arraycopy(rows[i], 0, data, i * dim, dim);
        }
        return new PointSet(name, data, rows.length, dim);
    }

    /**
     * An ND4J array of rank ≥ 2 as points: axis 0 indexes the points, the other axes are flattened in C order
     * (so an NCHW image batch gives points of dimension C·H·W). Any numeric data type is converted to double.
     */
    static PointSet of(String name, INDArray array) {
        if (array.rank() < 2) {
            throw new ShapeMismatchException(name, new int[] {-1, -1}, toInts(array.shape()));
        }
        long n = array.size(0);
        requireNonEmpty(name, n);
        long dim = array.length() / n;
        InvalidConfigException.require(n * dim <= Integer.MAX_VALUE - 8, name + ".length", n * dim,
                "at most 2³¹ − 9 values (split the set)");
        INDArray flat = array.castTo(DataType.DOUBLE).dup('c').reshape('c', n, dim);
        return new PointSet(name, flat.data().asDouble(), (int) n, (int) dim);
    }

    /** The images of {@code images} flattened to C·H·W values each (pixels in [0, 1]), in index order. */
    static PointSet of(ImageSet images) {
        requireNonEmpty(images.name(), images.size());
        int dim = images.shape().values();
        double[] data = new double[Math.multiplyExact(images.size(), dim)];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.imageAsDoubles(i), 0, data, i * dim, dim);
        }
        return new PointSet(images.name(), data, images.size(), dim);
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    int dim() {
        return dim;
    }

    /** The flat row-major coordinates; callers in this package must not modify them. */
    double[] data() {
        return data;
    }

    /** Throws {@link ShapeMismatchException} unless {@code other} lives in the same R^d. */
    void requireSameDimension(PointSet other, String where) {
        if (other.dim != dim) {
            throw new ShapeMismatchException(where + ": points of " + other.name + " vs " + name,
                    new int[] {other.size, dim}, new int[] {other.size, other.dim});
        }
    }

    private void requireFinite() {
        for (int p = 0; p < data.length; p++) {
            if (!Double.isFinite(data[p])) {
                throw new NonFiniteValueException(name, p / dim, p % dim, data[p], "drop or repair that point");
            }
        }
    }

    private static void requireNonEmpty(String name, long count) {
        InvalidConfigException.require(count >= 1, name + ".size", count, "at least one point");
    }

    private static int[] toInts(long[] shape) {
        return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }
}
