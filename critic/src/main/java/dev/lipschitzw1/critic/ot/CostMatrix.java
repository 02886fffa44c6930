package dev.lipschitzw1.critic.ot;

import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NonFiniteValueException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Euclidean cost matrix between two finite point sets, in double precision:
 * <pre>  C_ij = ‖x_i − y_j‖₂ = √max(0, ‖x̃_i‖² + ‖ỹ_j‖² − 2⟨x̃_i, ỹ_j⟩),   x̃ = x − c,  ỹ = y − c  </pre>
 * The Gram matrix X̃Ỹᵀ is one BLAS {@code dgemm} (ND4J, double); c is the mean of all n + m points, which leaves every
 * distance unchanged and keeps the norms small. Where the expansion cancels badly, i.e. where the bracket falls below
 * {@value #REFINE_RATIO}·(‖x̃_i‖² + ‖ỹ_j‖²) (near-duplicate points), the entry is recomputed directly as
 * √Σ_k (x_ik − y_jk)², so C_ij = 0 exactly for identical points, and an expanded entry keeps a relative error of at
 * most about 100·d·ε (the dot-product error bound over {@value #REFINE_RATIO}; 9e-12 at d = 784), typically a few ulps.
 * Cost: O(n·m·d) flops in BLAS plus O(n·m) here; memory 8·n·m bytes (twice that transiently).
 * <p>Points are rows: double[n][d], an ND4J array [n, d] (or [n, C, H, W], flattened in C order), or an
 * {@link ImageSet} (each image flattened to C·H·W pixels in [0, 1], the L2 metric on flattened images).
 * Immutable; {@link #get} is the only accessor of single entries.
 */
public final class CostMatrix {
    /** Below this ratio of the squared distance to the squared norms, the entry is recomputed coordinate by coordinate. */
    static final double REFINE_RATIO = 1e-2;

    private final double[] values;
    private final int rows;
    private final int cols;
    private final double max;

    private CostMatrix(double[] values, int rows, int cols) {
        this.values = values;
        this.rows = rows;
        this.cols = cols;
        double m = 0;
        for (int p = 0; p < values.length; p++) {
            if (!Double.isFinite(values[p])) {
                throw new NonFiniteValueException("cost matrix", p / cols, p % cols, values[p],
                        "rescale the points if their squares overflow");
            }
            InvalidConfigException.require(values[p] >= 0, "cost[" + p / cols + "][" + p % cols + "]", values[p],
                    "≥ 0 (a distance)");
            m = Math.max(m, values[p]);
        }
        this.max = m;
    }

    /**
     * C_ij = ‖x_i − y_j‖₂ between the rows of {@code x} (n×d) and {@code y} (m×d).
     * @throws InvalidConfigException if a set is empty or d = 0
     * @throws ShapeMismatchException if rows differ in length or the sets in dimension
     * @throws NonFiniteValueException naming the row and column of a NaN or infinite coordinate
     */
    public static CostMatrix euclidean(double[][] x, double[][] y) {
        return euclidean(PointSet.of("x", x), PointSet.of("y", y));
    }

    /**
     * C_ij = ‖x_i − y_j‖₂ between ND4J arrays [n, d] and [m, d] (or [n, …] and [m, …], trailing axes flattened in C
     * order); any data type, computed in double.
     * @throws ShapeMismatchException if the flattened dimensions differ or rank &lt; 2
     * @throws NonFiniteValueException naming the row and column of a NaN or infinite coordinate
     */
    public static CostMatrix euclidean(INDArray x, INDArray y) {
        return euclidean(PointSet.of("x", x), PointSet.of("y", y));
    }

    /**
     * C_ij = ‖p_i − q_j‖₂ between images p_i of {@code p} and q_j of {@code q}, flattened to C·H·W pixels.
     * @throws ShapeMismatchException if the image shapes (C, H, W) differ
     */
    public static CostMatrix euclidean(ImageSet p, ImageSet q) {
        if (!p.shape().equals(q.shape())) {
            throw new ShapeMismatchException("CostMatrix.euclidean: images of " + q.name() + " vs " + p.name(),
                    p.shape().toArray(), q.shape().toArray());
        }
        return euclidean(PointSet.of(p), PointSet.of(q));
    }

    static CostMatrix euclidean(PointSet x, PointSet y) {
        x.requireSameDimension(y, "CostMatrix.euclidean");
        int n = x.size();
        int m = y.size();
        int d = x.dim();
        double[] center = mean(x, y);
        double[] xc = centered(x, center);
        double[] yc = centered(y, center);
        double[] xx = squaredNorms(xc, n, d);
        double[] yy = squaredNorms(yc, m, d);
        double[] c;
        try (INDArray xa = Nd4j.create(xc, new long[] {n, d}, DataType.DOUBLE);
             INDArray ya = Nd4j.create(yc, new long[] {m, d}, DataType.DOUBLE);
             INDArray gram = xa.mmul(ya.transpose(), 'c')) {
            c = gram.data().asDouble();
        }
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int j = 0; j < m; j++) {
                double norms = xx[i] + yy[j];
                double s = norms - 2 * c[row + j];
                if (s < REFINE_RATIO * norms) {
                    s = squaredDistance(x.data(), i, y.data(), j, d);
                }
                c[row + j] = Math.sqrt(Math.max(s, 0));
            }
        }
        return new CostMatrix(c, n, m);
    }

    /** A matrix of given entries, row-major (n·m values): for the solvers' tests on arbitrary costs. */
    static CostMatrix ofValues(double[] rowMajor, int rows, int cols) {
        if (rowMajor.length != (long) rows * cols) {
            throw new ShapeMismatchException("CostMatrix.ofValues", new int[] {rows * cols},
                    new int[] {rowMajor.length});
        }
        return new CostMatrix(rowMajor.clone(), rows, cols);
    }

    /** Number of rows n (points x). */
    public int rows() {
        return rows;
    }

    /** Number of columns m (points y). */
    public int cols() {
        return cols;
    }

    /** C_ij. */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("cost (" + i + ", " + j + ") of a " + rows + "×" + cols + " matrix");
        }
        return values[i * cols + j];
    }

    /** max_ij C_ij (0 for coincident sets). */
    public double max() {
        return max;
    }

    /** The row-major entries, not copied: the solvers in this package read them and never write. */
    double[] values() {
        return values;
    }

    /** The mean of all n + m points (any common point would do; the mean minimises the norms). */
    private static double[] mean(PointSet x, PointSet y) {
        int d = x.dim();
        double[] center = new double[d];
        for (PointSet s : new PointSet[] {x, y}) {
            double[] data = s.data();
            for (int i = 0; i < s.size(); i++) {
                for (int k = 0; k < d; k++) {
                    center[k] += data[i * d + k];
                }
            }
        }
        double total = x.size() + (double) y.size();
        for (int k = 0; k < d; k++) {
            center[k] /= total;
        }
        return center;
    }

    private static double[] centered(PointSet s, double[] center) {
        int d = center.length;
        double[] out = s.data().clone();
        for (int i = 0; i < s.size(); i++) {
            for (int k = 0; k < d; k++) {
                out[i * d + k] -= center[k];
            }
        }
        return out;
    }

    private static double[] squaredNorms(double[] rowsFlat, int n, int d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = i * d, end = k + d; k < end; k++) {
                sum += rowsFlat[k] * rowsFlat[k];
            }
            out[i] = sum;
        }
        return out;
    }

    private static double squaredDistance(double[] x, int i, double[] y, int j, int d) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double diff = x[i * d + k] - y[j * d + k];
            sum += diff * diff;
        }
        return sum;
    }
}
