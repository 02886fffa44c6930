package dev.lipschitzw1.critic.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Ops#matmul} (host BLAS for dense arrays, ND4J's op otherwise) against a triple loop in double:
 * out = α·op(a)·op(b) + β·out for matrices and stacks, every transpose combination, float and double, on fresh
 * arrays, on dense views (a matrix of a stack) and on strided views (the fallback). Tolerance: 1e-12 relative in
 * double, 1e-5 in float (sums of ≤ 40 products of O(1) numbers).
 */
class OpsMatmulTest {

    private static INDArray random(DataType dt, SplittableRandom rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(dt);
    }

    /** α·op(a)·op(b) + β·c0 in double, per matrix of the (possibly rank-2) stacks. */
    private static double[] reference(INDArray a, INDArray b, INDArray c0, boolean ta, boolean tb, double alpha,
                                      double beta) {
        INDArray a3 = a.rank() == 2 ? a.reshape(1, a.size(0), a.size(1)) : a;
        INDArray b3 = b.rank() == 2 ? b.reshape(1, b.size(0), b.size(1)) : b;
        INDArray c3 = c0.rank() == 2 ? c0.reshape(1, c0.size(0), c0.size(1)) : c0;
        int batch = (int) c3.size(0);
        int m = (int) c3.size(1);
        int n = (int) c3.size(2);
        int k = (int) (ta ? a3.size(1) : a3.size(2));
        double[] out = new double[batch * m * n];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int t = 0; t < k; t++) {
                        double x = ta ? a3.getDouble(s, t, i) : a3.getDouble(s, i, t);
                        double y = tb ? b3.getDouble(s, j, t) : b3.getDouble(s, t, j);
                        sum += x * y;
                    }
                    out[(s * m + i) * n + j] = alpha * sum + beta * c3.getDouble(s, i, j);
                }
            }
        }
        return out;
    }

    private static void check(INDArray a, INDArray b, INDArray out, boolean ta, boolean tb, double alpha,
                              double beta) {
        double[] expected = reference(a, b, out.dup(), ta, tb, alpha, beta);
        Ops.matmul(a, b, out, ta, tb, alpha, beta);
        double[] got = out.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double tol = out.dataType() == DataType.DOUBLE ? 1e-12 : 1e-5;
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol * (1 + Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void everyTransposeCombinationMatchesTheTripleLoop() {
        SplittableRandom rng = new SplittableRandom(7);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = 5;
                    int k = 7;
                    int n = 3;
                    INDArray a = ta ? random(dt, rng, k, m) : random(dt, rng, m, k);
                    INDArray b = tb ? random(dt, rng, n, k) : random(dt, rng, k, n);
                    check(a, b, random(dt, rng, m, n), ta, tb, 0.7, 0.0);
                    check(a, b, random(dt, rng, m, n), ta, tb, -1.3, 1.0);
                    INDArray a3 = ta ? random(dt, rng, 4, k, m) : random(dt, rng, 4, m, k);
                    INDArray b3 = tb ? random(dt, rng, 4, n, k) : random(dt, rng, 4, k, n);
                    check(a3, b3, random(dt, rng, 4, m, n), ta, tb, 0.5, -0.25);
                }
            }
        }
    }

    @Test
    void denseViewsTakeBlasAndStridedViewsTheFallbackWithTheSameResult() {
        SplittableRandom rng = new SplittableRandom(11);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray stack = random(dt, rng, 3, 6, 6);
            INDArray slice = stack.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
            assertTrue(slice.isView() && HostBlas.dense(slice), "a matrix of a stack is a dense view");
            INDArray columns = stack.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
            assertFalse(HostBlas.dense(columns), "a column window is strided");
            check(slice, slice, random(dt, rng, 6, 6), true, false, 1.0, 0.0);
            check(columns, slice, random(dt, rng, 4, 6), true, false, 2.0, 1.0);
            check(slice, stack.permute(0, 2, 1).get(NDArrayIndex.point(0)), random(dt, rng, 6, 6), false, false,
                    1.0, 0.5);
        }
    }

    @Test
    void symmetriseAndShiftMatchesItsFormula() {
        SplittableRandom rng = new SplittableRandom(3);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray s = random(dt, rng, 2, 4, 4);
            INDArray before = s.castTo(DataType.DOUBLE).dup();
            Kernels.symmetriseAndShift(s, true, 0.25);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        double want = before.getDouble(b, i, j) + before.getDouble(b, j, i) + (i == j ? 0.25 : 0);
                        assertEquals(want, s.getDouble(b, i, j), 1e-6, "(" + b + "," + i + "," + j + ")");
                    }
                }
            }
        }
    }
}
