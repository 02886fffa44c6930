package dev.lipschitzw1.critic.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link ParameterInit#orthogonal} against Commons Math's full Householder Q (the oracle, built the slow way: m×m) with
 * the same Gaussian draws: equal to 1e-12, and orthonormal columns (rows, if wide) times the gain to 1e-12.
 */
class ParameterInitTest {

    private static double[][] oracle(int rows, int cols, double gain, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean tall = rows >= cols;
        int m = tall ? rows : cols;
        int n = tall ? cols : rows;
        double[][] g = ParameterInit.gaussian(m, n, rng);
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(g, true));
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        double[][] out = new double[rows][cols];
        for (int j = 0; j < n; j++) {
            double sign = r.getEntry(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) {
                double v = gain * sign * q.getEntry(i, j);
                if (tall) {
                    out[i][j] = v;
                } else {
                    out[j][i] = v;
                }
            }
        }
        return out;
    }

    @Test
    void thinQEqualsTheFullHouseholderQ_andIsOrthonormal() {
        int[][] shapes = {{40, 3}, {3, 40}, {17, 17}, {300, 1}, {1, 300}};
        for (int[] s : shapes) {
            double gain = 0.7;
            double[][] got = ParameterInit.orthogonal(s[0], s[1], gain, new SplittableRandom(5));
            double[][] want = oracle(s[0], s[1], gain, 5);
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[1]; j++) {
                    assertEquals(want[i][j], got[i][j], 1e-12, s[0] + "x" + s[1] + " (" + i + "," + j + ")");
                }
            }
            boolean tall = s[0] >= s[1];
            int n = Math.min(s[0], s[1]);
            int m = Math.max(s[0], s[1]);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += (tall ? got[i][a] * got[i][b] : got[a][i] * got[b][i]);
                    }
                    assertEquals(a == b ? gain * gain : 0, dot, 1e-12, s[0] + "x" + s[1] + " Gram (" + a + "," + b + ")");
                }
            }
        }
    }
}
