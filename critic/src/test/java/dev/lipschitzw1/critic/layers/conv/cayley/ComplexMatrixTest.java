package dev.lipschitzw1.critic.layers.conv.cayley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ComplexMatrix}'s product and inverse against the textbook sums they compute. */
class ComplexMatrixTest {

    private static ComplexMatrix random(int rows, int cols, SplittableRandom rng) {
        ComplexMatrix m = ComplexMatrix.zeros(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.re[i] = rng.nextGaussian();
            m.im[i] = rng.nextGaussian();
        }
        return m;
    }

    @Test
    void times_smallAndBlasSized_equalTheEntrywiseSum() {
        SplittableRandom rng = new SplittableRandom(3);
        // 3·4·2 multiply-adds stay in the loop, 17·23·11 go through BLAS.
        int[][] shapes = {{3, 4, 2}, {17, 23, 11}};
        for (int[] s : shapes) {
            ComplexMatrix a = random(s[0], s[1], rng);
            ComplexMatrix b = random(s[1], s[2], rng);
            ComplexMatrix c = a.times(b);
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[2]; j++) {
                    double re = 0;
                    double im = 0;
                    for (int l = 0; l < s[1]; l++) {
                        double ar = a.re[i * s[1] + l];
                        double ai = a.im[i * s[1] + l];
                        double br = b.re[l * s[2] + j];
                        double bi = b.im[l * s[2] + j];
                        re += ar * br - ai * bi;
                        im += ar * bi + ai * br;
                    }
                    assertEquals(re, c.re[i * s[2] + j], 1e-12, "re " + i + "," + j);
                    assertEquals(im, c.im[i * s[2] + j], 1e-12, "im " + i + "," + j);
                }
            }
        }
    }

    @Test
    void inverse_timesTheMatrix_isTheIdentity() {
        ComplexMatrix a = random(20, 20, new SplittableRandom(5));
        ComplexMatrix p = a.times(a.inverse());
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                assertEquals(i == j ? 1 : 0, p.re[i * 20 + j], 1e-10, "re " + i + "," + j);
                assertEquals(0, p.im[i * 20 + j], 1e-10, "im " + i + "," + j);
            }
        }
    }
}
