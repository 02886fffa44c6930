package dev.lipschitzw1.critic;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test helpers: seeded Gaussian matrices and conversions between {@code double[][]} and ND4J arrays. */
public final class TestMatrices {

    private TestMatrices() {
    }

    /** m×n matrix of independent N(0, 1) entries from {@code rng}. */
    public static double[][] gaussian(SplittableRandom rng, int m, int n) {
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = gaussian(rng);
            }
        }
        return a;
    }

    /** One N(0, 1) draw (Box–Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** [b][m][n] stack of Gaussian matrices. */
    public static double[][][] gaussian(SplittableRandom rng, int b, int m, int n) {
        double[][][] a = new double[b][][];
        for (int i = 0; i < b; i++) {
            a[i] = gaussian(rng, m, n);
        }
        return a;
    }

    public static INDArray nd(double[][] a, DataType type) {
        return Nd4j.create(a).castTo(type);
    }

    public static INDArray nd(double[][][] a, DataType type) {
        return Nd4j.create(a).castTo(type);
    }

    public static double[][] matrix(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Largest absolute entry-wise difference. */
    public static double maxAbsDiff(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d;
    }
}
