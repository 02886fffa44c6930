package dev.lipschitzw1.critic.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loops behind {@link Kernels}, run block by block over the off-heap memory of contiguous c-ordered float or
 * double arrays: each block (one sample, or one matrix of a stack) is read into a Java array with one bulk copy,
 * transformed there, and written back with one bulk copy. Index maps are shared by all blocks:
 * <pre>
 *   gather:      out[s][i] = in[s][map[i]]    (0 where map[i] &lt; 0)
 *   scatterAdd:  out[s][map[i]] += in[s][i]   (skipped where map[i] &lt; 0; out starts at 0)
 * </pre>
 * Why blocks and arrays: element-wise access through NIO views of the off-heap buffers measured 3–4 ns per element
 * (a bounds check and a type branch each), bulk copies and plain array loops well under 1 ns; a block is at most one
 * sample, so the scratch arrays (one pair per thread, grown on demand) stay small whatever the batch.
 */
final class Blocks {

    /** One thread's scratch arrays, reused across calls. */
    private static final class Scratch {
        float[] fa = new float[0];
        float[] fb = new float[0];
        double[] da = new double[0];
        double[] db = new double[0];
        int[] map = new int[0];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Blocks() {
    }

    /** This thread's index-map scratch of at least {@code n} entries (contents undefined). */
    static int[] mapScratch(int n) {
        Scratch s = SCRATCH.get();
        if (s.map.length < n) {
            s.map = new int[n];
        }
        return s.map;
    }

    private static float[][] floats(int a, int b) {
        Scratch s = SCRATCH.get();
        if (s.fa.length < a) {
            s.fa = new float[a];
        }
        if (s.fb.length < b) {
            s.fb = new float[b];
        }
        return new float[][] {s.fa, s.fb};
    }

    private static double[][] doubles(int a, int b) {
        Scratch s = SCRATCH.get();
        if (s.da.length < a) {
            s.da = new double[a];
        }
        if (s.db.length < b) {
            s.db = new double[b];
        }
        return new double[][] {s.da, s.db};
    }

    /** A contiguous c-ordered array starting at its buffer's first element, or an exception naming the layout. */
    private static INDArray require(INDArray a) {
        if (!HostBlas.dense(a) || a.offset() != 0) {
            throw new IllegalArgumentException("kernels need a contiguous c-ordered array; got "
                    + a.shapeInfoToString());
        }
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("kernels support FLOAT and DOUBLE arrays, not " + a.dataType());
        }
        return a;
    }

    private static boolean isFloat(INDArray a) {
        return require(a).dataType() == DataType.FLOAT;
    }

    /** out[s][i] = in[s][map[i]] (0 where map[i] &lt; 0) for s &lt; blocks; in-blocks of inLen, out-blocks of outLen. */
    static void gather(INDArray in, INDArray out, int blocks, int[] map, int inLen, int outLen) {
        if (isFloat(in)) {
            FloatBuffer src = in.data().asNioFloat();
            FloatBuffer dst = require(out).data().asNioFloat();
            float[][] t = floats(inLen, outLen);
            float[] a = t[0];
            float[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * inLen, a, 0, inLen);
                for (int i = 0; i < outLen; i++) {
                    int m = map[i];
                    b[i] = m < 0 ? 0f : a[m];
                }
                dst.put(s * outLen, b, 0, outLen);
            }
        } else {
            DoubleBuffer src = in.data().asNioDouble();
            DoubleBuffer dst = require(out).data().asNioDouble();
            double[][] t = doubles(inLen, outLen);
            double[] a = t[0];
            double[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * inLen, a, 0, inLen);
                for (int i = 0; i < outLen; i++) {
                    int m = map[i];
                    b[i] = m < 0 ? 0.0 : a[m];
                }
                dst.put(s * outLen, b, 0, outLen);
            }
        }
    }

    /** out[s][map[i]] = Σ in[s][i] over i with map[i] ≥ 0, for s &lt; blocks (out's blocks start at 0). */
    static void scatterAdd(INDArray in, INDArray out, int blocks, int[] map, int inLen, int outLen) {
        if (isFloat(in)) {
            FloatBuffer src = in.data().asNioFloat();
            FloatBuffer dst = require(out).data().asNioFloat();
            float[][] t = floats(inLen, outLen);
            float[] a = t[0];
            float[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * inLen, a, 0, inLen);
                java.util.Arrays.fill(b, 0, outLen, 0f);
                for (int i = 0; i < inLen; i++) {
                    int m = map[i];
                    if (m >= 0) {
                        b[m] += a[i];
                    }
                }
                dst.put(s * outLen, b, 0, outLen);
            }
        } else {
            DoubleBuffer src = in.data().asNioDouble();
            DoubleBuffer dst = require(out).data().asNioDouble();
            double[][] t = doubles(inLen, outLen);
            double[] a = t[0];
            double[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * inLen, a, 0, inLen);
                java.util.Arrays.fill(b, 0, outLen, 0.0);
                for (int i = 0; i < inLen; i++) {
                    int m = map[i];
                    if (m >= 0) {
                        b[m] += a[i];
                    }
                }
                dst.put(s * outLen, b, 0, outLen);
            }
        }
    }

    /**
     * A tap-wise linear combination of arrays of taps (blocks of {@code tap} entries), terms added in the order given:
     * <pre>  out[t] = Σⱼ cⱼ · srcⱼ[mapⱼ[t]]   (a term is 0 where mapⱼ[t] = −1)  </pre>
     */
    static void tapCombination(INDArray[] sources, int[][] maps, double[] coefficients, INDArray out, int tap) {
        int taps = maps[0].length;
        if (isFloat(out)) {
            float[] o = new float[taps * tap];
            for (int j = 0; j < sources.length; j++) {
                float[] x = new float[(int) require(sources[j]).length()];
                sources[j].data().asNioFloat().get(0, x);
                float cj = (float) coefficients[j];
                for (int t = 0; t < taps; t++) {
                    int from = maps[j][t] * tap;
                    if (from >= 0) {
                        for (int i = 0, to = t * tap; i < tap; i++, to++) {
                            o[to] += cj * x[from + i];
                        }
                    }
                }
            }
            out.data().asNioFloat().put(0, o);
        } else {
            double[] o = new double[taps * tap];
            for (int j = 0; j < sources.length; j++) {
                double[] x = new double[(int) require(sources[j]).length()];
                sources[j].data().asNioDouble().get(0, x);
                double cj = coefficients[j];
                for (int t = 0; t < taps; t++) {
                    int from = maps[j][t] * tap;
                    if (from >= 0) {
                        for (int i = 0, to = t * tap; i < tap; i++, to++) {
                            o[to] += cj * x[from + i];
                        }
                    }
                }
            }
            out.data().asNioDouble().put(0, o);
        }
    }

    /**
     * Per block of 2·half entries: mask[k] = 1 where the first of pair (e, half + e) is the larger (ties: the first),
     * k running over all pairs of all blocks in order.
     */
    static void pairMask(INDArray in, int blocks, int half, byte[] mask) {
        int len = 2 * half;
        int k = 0;
        if (isFloat(in)) {
            FloatBuffer src = in.data().asNioFloat();
            float[] a = floats(len, 0)[0];
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                for (int e = 0; e < half; e++) {
                    mask[k++] = (byte) (a[e] >= a[half + e] ? 1 : 0);
                }
            }
        } else {
            DoubleBuffer src = in.data().asNioDouble();
            double[] a = doubles(len, 0)[0];
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                for (int e = 0; e < half; e++) {
                    mask[k++] = (byte) (a[e] >= a[half + e] ? 1 : 0);
                }
            }
        }
    }

    /** Per block of 2·half entries: pair (e, half + e) kept where mask is 1, swapped elsewhere. */
    static void pairPermute(INDArray in, INDArray out, int blocks, int half, byte[] mask) {
        int len = 2 * half;
        int k = 0;
        if (isFloat(in)) {
            FloatBuffer src = in.data().asNioFloat();
            FloatBuffer dst = require(out).data().asNioFloat();
            float[][] t = floats(len, len);
            float[] a = t[0];
            float[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                for (int e = 0; e < half; e++) {
                    boolean keep = mask[k++] == 1;
                    b[e] = keep ? a[e] : a[half + e];
                    b[half + e] = keep ? a[half + e] : a[e];
                }
                dst.put(s * len, b, 0, len);
            }
        } else {
            DoubleBuffer src = in.data().asNioDouble();
            DoubleBuffer dst = require(out).data().asNioDouble();
            double[][] t = doubles(len, len);
            double[] a = t[0];
            double[] b = t[1];
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                for (int e = 0; e < half; e++) {
                    boolean keep = mask[k++] == 1;
                    b[e] = keep ? a[e] : a[half + e];
                    b[half + e] = keep ? a[half + e] : a[e];
                }
                dst.put(s * len, b, 0, len);
            }
        }
    }

    /**
     * Elementwise scaling by 1 or α: out[i] = in[i] where the flag is 1, α·in[i] elsewhere; with {@code record},
     * the flags are first set to (in[i] &gt; 0) (LeakyReLU forward), otherwise read (its Jacobian).
     */
    static void leakyScale(INDArray in, INDArray out, double alpha, byte[] positive, boolean record) {
        int len = (int) in.length();
        if (isFloat(in)) {
            float[][] t = floats(len, 0);
            float[] a = t[0];
            in.data().asNioFloat().get(0, a, 0, len);
            float al = (float) alpha;
            for (int i = 0; i < len; i++) {
                if (record) {
                    positive[i] = (byte) (a[i] > 0 ? 1 : 0);
                }
                a[i] = positive[i] == 1 ? a[i] : al * a[i];
            }
            require(out).data().asNioFloat().put(0, a, 0, len);
        } else {
            double[][] t = doubles(len, 0);
            double[] a = t[0];
            in.data().asNioDouble().get(0, a, 0, len);
            for (int i = 0; i < len; i++) {
                if (record) {
                    positive[i] = (byte) (a[i] > 0 ? 1 : 0);
                }
                a[i] = positive[i] == 1 ? a[i] : alpha * a[i];
            }
            require(out).data().asNioDouble().put(0, a, 0, len);
        }
    }

    /**
     * Per n×n matrix of a stack: S ← S + Sᵀ + d·I (in place), the symmetric part Björck's backward pass needs and
     * the (1+β)·I of its forward step.
     */
    static void symmetriseAndShift(INDArray stack, int blocks, int n, boolean symmetrise, double d) {
        int len = n * n;
        if (isFloat(stack)) {
            FloatBuffer buf = stack.data().asNioFloat();
            float[] a = floats(len, 0)[0];
            for (int s = 0; s < blocks; s++) {
                buf.get(s * len, a, 0, len);
                if (symmetrise) {
                    for (int i = 0; i < n; i++) {
                        for (int j = i; j < n; j++) {
                            float v = a[i * n + j] + a[j * n + i];
                            a[i * n + j] = v;
                            a[j * n + i] = v;
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    a[i * n + i] += (float) d;
                }
                buf.put(s * len, a, 0, len);
            }
        } else {
            DoubleBuffer buf = stack.data().asNioDouble();
            double[] a = doubles(len, 0)[0];
            for (int s = 0; s < blocks; s++) {
                buf.get(s * len, a, 0, len);
                if (symmetrise) {
                    for (int i = 0; i < n; i++) {
                        for (int j = i; j < n; j++) {
                            double v = a[i * n + j] + a[j * n + i];
                            a[i * n + j] = v;
                            a[j * n + i] = v;
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    a[i * n + i] += d;
                }
                buf.put(s * len, a, 0, len);
            }
        }
    }
}
