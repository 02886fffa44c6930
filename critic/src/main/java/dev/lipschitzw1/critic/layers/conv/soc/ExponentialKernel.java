package dev.lipschitzw1.critic.layers.conv.soc;

import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single circular convolution kernel equal to the truncated exponential of a circular convolution, in double:
 * <pre>  E = Σ_{i=0}^{T} S^{⊛i} / i!,   A_E = Σ_{i=0}^{T} A_Sⁱ / i!  on h×w maps  </pre>
 * (⊛ the composition of kernels; S^{⊛0} the identity tap). Circular convolutions on h×w maps compose exactly, their
 * taps adding as shifts modulo (h, w), so the terms are kept as c×c matrices per shift residue
 * R_i[o, c', s_y mod h, s_x mod w] (output o reads input c' shifted by s) with
 * <pre>  R_i = (1/i) Σ_{taps (p, q) of S} roll_{(p − b, q − b)}(S_{pq}ᵀ · R_{i−1})  </pre>
 * one matrix product per tap and term. The composed kernel has size F = T(k − 1) + 1; it is emitted at that size (OIHW,
 * centred) when F ≤ min(h, w), and otherwise folded onto the map: an L×L kernel, L = max(h, w), whose taps cover each
 * residue once (a kernel wider than the map wraps, so the two are the same operator).
 */
public final class ExponentialKernel {

    private ExponentialKernel() {
    }

    /**
     * E restricted to the first {@code cout} output and {@code cin} input channels, OIHW.
     *
     * @param s the kernel of L, [k, k, c, c] (YXIO, k odd), any float type
     */
    public static double[][][][] truncatedExponential(INDArray s, int terms, int h, int w, int cin, int cout) {
        INDArray sd = s.castTo(DataType.DOUBLE).dup('c');
        int k = (int) sd.size(0);
        int c = (int) sd.size(2);
        int b = k / 2;
        int hw = h * w;
        double[] term = new double[c * c * hw];
        for (int o = 0; o < c; o++) {
            term[(o * c + o) * hw] = 1;
        }
        double[] sum = term.clone();
        for (int i = 1; i <= terms; i++) {
            INDArray previous = Nd4j.createFromArray(term).reshape('c', c, (long) c * hw);
            double[] next = new double[term.length];
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    INDArray tap = sd.get(org.nd4j.linalg.indexing.NDArrayIndex.point(p),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(q)).dup('c');
                    double[] product = Ops.matmul(tap, previous, true, false, 1.0 / i).data().asDouble();
                    addRolled(product, next, c * c, h, w, p - b, q - b);
                }
            }
            term = next;
            for (int j = 0; j < sum.length; j++) {
                sum[j] += term[j];
            }
        }
        return emit(sum, c, h, w, terms * (k - 1) + 1, cin, cout);
    }

    /** next[., (y + dy) mod h, (x + dx) mod w] += product[., y, x] for each of the {@code blocks} c×c entries. */
    private static void addRolled(double[] product, double[] next, int blocks, int h, int w, int dy, int dx) {
        int hw = h * w;
        for (int e = 0; e < blocks; e++) {
            int base = e * hw;
            for (int y = 0; y < h; y++) {
                int ty = Math.floorMod(y + dy, h);
                for (int x = 0; x < w; x++) {
                    next[base + ty * w + Math.floorMod(x + dx, w)] += product[base + y * w + x];
                }
            }
        }
    }

    private static double[][][][] emit(double[] residues, int c, int h, int w, int full, int cin, int cout) {
        boolean unfolded = full <= Math.min(h, w);
        int size = unfolded ? full : Math.max(h, w);
        int centre = size / 2;
        int spanY = unfolded ? full : h;
        int spanX = unfolded ? full : w;
        double[][][][] out = new double[cout][cin][size][size];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                int base = (o * c + i) * h * w;
                for (int py = 0; py < spanY; py++) {
                    int ry = Math.floorMod(py - centre, h);
                    for (int px = 0; px < spanX; px++) {
                        out[o][i][py][px] = residues[base + ry * w + Math.floorMod(px - centre, w)];
                    }
                }
            }
        }
        return out;
    }
}
