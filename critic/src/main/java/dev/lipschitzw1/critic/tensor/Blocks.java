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
 * sample, so the scratch arrays (a few per thread, grown on demand) stay small whatever the batch. Every loop is
 * written twice, for float and for double arrays: Java has no generics over primitive arrays, and a boxed or
 * double-only path would cost the conversion these kernels exist to avoid.
 */
final class Blocks {

    /** One thread's scratch arrays, reused across calls: numbered slots of each type, grown on demand. */
    private static final class Scratch {
        final float[][] floats = new float[4][0];
        final double[][] doubles = new double[4][0];
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

    /** This thread's float scratch slot {@code slot} (0 … 3) of at least {@code n} entries (contents undefined). */
    private static float[] floats(int slot, int n) {
        float[][] f = SCRATCH.get().floats;
        if (f[slot].length < n) {
            f[slot] = new float[n];
        }
        return f[slot];
    }

    private static double[] doubles(int slot, int n) {
        double[][] d = SCRATCH.get().doubles;
        if (d[slot].length < n) {
            d[slot] = new double[n];
        }
        return d[slot];
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
            float[] a = floats(0, inLen);
            float[] b = floats(1, outLen);
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
            double[] a = doubles(0, inLen);
            double[] b = doubles(1, outLen);
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
            float[] a = floats(0, inLen);
            float[] b = floats(1, outLen);
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
            double[] a = doubles(0, inLen);
            double[] b = doubles(1, outLen);
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
        int len = taps * tap;
        if (isFloat(out)) {
            float[] o = floats(0, len);
            java.util.Arrays.fill(o, 0, len, 0f);
            for (int j = 0; j < sources.length; j++) {
                // A source repeated from the previous term is read once (its slot is the previous term's).
                float[] x = j > 0 && sources[j] == sources[j - 1] ? floats(j, 0) : read(sources[j], 1 + j);
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
            out.data().asNioFloat().put(0, o, 0, len);
        } else {
            double[] o = doubles(0, len);
            java.util.Arrays.fill(o, 0, len, 0.0);
            for (int j = 0; j < sources.length; j++) {
                double[] x = j > 0 && sources[j] == sources[j - 1] ? doubles(j, 0) : readDouble(sources[j], 1 + j);
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
            out.data().asNioDouble().put(0, o, 0, len);
        }
    }

    /** Block {@code index} of {@code len} entries of {@code a} in double, in scratch slot 3 (float: read via slot 3). */
    static double[] blockAsDoubles(INDArray a, int index, int len) {
        double[] d = doubles(3, len);
        if (isFloat(a)) {
            float[] f = floats(3, len);
            a.data().asNioFloat().get(index * len, f, 0, len);
            for (int i = 0; i < len; i++) {
                d[i] = f[i];
            }
        } else {
            a.data().asNioDouble().get(index * len, d, 0, len);
        }
        return d;
    }

    /** The whole of float array {@code a} in scratch slot {@code slot}. */
    private static float[] read(INDArray a, int slot) {
        int len = (int) require(a).length();
        float[] x = floats(slot, len);
        a.data().asNioFloat().get(0, x, 0, len);
        return x;
    }

    /** The whole of double array {@code a} in scratch slot {@code slot}. */
    private static double[] readDouble(INDArray a, int slot) {
        int len = (int) require(a).length();
        double[] x = doubles(slot, len);
        a.data().asNioDouble().get(0, x, 0, len);
        return x;
    }

    /**
     * Per block of 2·half entries: pair (e, half + e) kept where mask is 1, swapped elsewhere; with {@code record},
     * the mask is first set to 1 where the first of the pair is the larger (ties: the first), so the output is
     * (max, min) per pair. k runs over all pairs of all blocks in order.
     */
    static void pairPermute(INDArray in, INDArray out, int blocks, int half, byte[] mask, boolean record) {
        int len = 2 * half;
        if (isFloat(in)) {
            FloatBuffer src = in.data().asNioFloat();
            FloatBuffer dst = require(out).data().asNioFloat();
            float[] a = floats(0, len);
            float[] b = floats(1, len);
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                if (record) {
                    compare(a, mask, s * half, half);
                }
                permute(a, b, mask, s * half, half);
                dst.put(s * len, b, 0, len);
            }
        } else {
            DoubleBuffer src = in.data().asNioDouble();
            DoubleBuffer dst = require(out).data().asNioDouble();
            double[] a = doubles(0, len);
            double[] b = doubles(1, len);
            for (int s = 0; s < blocks; s++) {
                src.get(s * len, a, 0, len);
                if (record) {
                    compare(a, mask, s * half, half);
                }
                permute(a, b, mask, s * half, half);
                dst.put(s * len, b, 0, len);
            }
        }
    }

    // One block's pairs. Branch-free: with a data-dependent select per pair the loop measured 3 ns per element
    // (mispredicted branches), with computed indices under 1 ns.
    private static void compare(float[] a, byte[] mask, int k, int half) {
        for (int e = 0; e < half; e++) {
            mask[k + e] = (byte) (a[e] >= a[half + e] ? 1 : 0);
        }
    }

    private static void compare(double[] a, byte[] mask, int k, int half) {
        for (int e = 0; e < half; e++) {
            mask[k + e] = (byte) (a[e] >= a[half + e] ? 1 : 0);
        }
    }

    private static void permute(float[] a, float[] b, byte[] mask, int k, int half) {
        for (int e = 0; e < half; e++) {
            int swap = (1 - mask[k + e]) * half; // indices, not branches: the mask is a coin flip per pair
            b[e] = a[e + swap];
            b[half + e] = a[half + e - swap];
        }
    }

    private static void permute(double[] a, double[] b, byte[] mask, int k, int half) {
        for (int e = 0; e < half; e++) {
            int swap = (1 - mask[k + e]) * half; // indices, not branches: the mask is a coin flip per pair
            b[e] = a[e + swap];
            b[half + e] = a[half + e - swap];
        }
    }

    /**
     * Elementwise scaling by 1 or α: out[i] = in[i] where the flag is 1, α·in[i] elsewhere; with {@code record},
     * the flags are first set to (in[i] &gt; 0) (LeakyReLU forward), otherwise read (its Jacobian).
     */
    static void leakyScale(INDArray in, INDArray out, double alpha, byte[] positive, boolean record) {
        int len = (int) in.length();
        if (isFloat(in)) {
            float[] a = floats(0, len);
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
            double[] a = doubles(0, len);
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
            float[] a = floats(0, len);
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
            double[] a = doubles(0, len);
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
