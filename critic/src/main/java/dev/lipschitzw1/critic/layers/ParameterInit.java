package dev.lipschitzw1.critic.layers;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic parameter initialisations from a seed, computed in double and then cast to the graph's dtype, so that
 * a seed gives the same starting weights on every machine and in float32 and float64 graphs alike.
 * Randomness: {@link SplittableRandom} seeded by the caller; no global generator.
 */
public final class ParameterInit {

    private ParameterInit() {
    }

    /**
     * A rows × cols matrix with orthonormal rows or columns (whichever are fewer) times {@code gain}, as PyTorch's
     * {@code orthogonal_}: QR of a standard normal matrix G (of the taller orientation), Q·sign(diag R), with the thin
     * Q = G·R⁻¹ (m×n, never the full m×m).
     */
    public static double[][] orthogonal(int rows, int cols, double gain, SplittableRandom rng) {
        boolean tall = rows >= cols;
        int m = tall ? rows : cols;
        int n = tall ? cols : rows;
        double[][] g = gaussian(m, n, rng);
        // Thin Q = G·R⁻¹ (R the n×n triangle of G = QR), by forward substitution per row: Commons Math's getQ()
        // would build the full m×m Q, 2 GB for the paper critic's 16,384 → 1 dense layer.
        double[][] r = new QRDecomposition(new Array2DRowRealMatrix(g, true)).getR().getData();
        double[][] out = new double[rows][cols];
        double[] q = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = g[i][j];
                for (int k = 0; k < j; k++) {
                    v -= q[k] * r[k][j];
                }
                q[j] = v / r[j][j];
            }
            for (int j = 0; j < n; j++) {
                double v = gain * Math.signum(r[j][j]) * q[j];
                if (tall) {
                    out[i][j] = v;
                } else {
                    out[j][i] = v;
                }
            }
        }
        return out;
    }

    /** An m × n matrix of standard normal draws, row by row. */
    static double[][] gaussian(int m, int n, SplittableRandom rng) {
        double[][] g = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = rng.nextGaussian();
            }
        }
        return g;
    }

    /** {@code n} values uniform in [−bound, bound). */
    public static double[] uniform(int n, double bound, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return v;
    }

    /** An array of the given shape and dtype holding {@code values} in row-major order. */
    public static INDArray array(double[] values, DataType dtype, long... shape) {
        return Nd4j.createFromArray(values).reshape(shape).castTo(dtype).dup();
    }

    /** Row-major flattening of a matrix. */
    public static double[] flatten(double[][] m) {
        double[] v = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, v, i * m[0].length, m[0].length);
        }
        return v;
    }
}
