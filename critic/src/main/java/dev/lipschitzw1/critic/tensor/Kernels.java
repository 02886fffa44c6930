package dev.lipschitzw1.critic.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's data-movement and piecewise-linear kernels, written as plain loops over the arrays' off-heap memory
 * ({@link Buffer}): pixel (un)shuffle, circular and zero padding with their adjoints, nearest upsampling, MaxMin and
 * LeakyReLU. Each is a permutation, a copy or a select, so the result is exact (the same values in float or double as
 * any other implementation).
 *
 * <p>Why not ND4J's own ops: in 1.0.0-M2.1 a permuted copy ({@code permute(…).dup()}), a {@code concat} or a pairwise
 * op on channel views runs its generic strided loop, measured 10–15× slower than these loops (a 128×16×16×16 pixel
 * unshuffle: 15.5 ms as a 6-D permute copy, 0.9 ms here; docs/decisions.md). Inputs are made contiguous first
 * (copied if they are views); outputs are new arrays in the caller's workspace.
 */
public final class Kernels {

    private Kernels() {
    }

    /** {@code a} itself if contiguous and c-ordered from its buffer's start, else a c-ordered copy. */
    public static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' || a.offset() != 0 ? a.dup('c') : a;
    }

    /** y[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j] (PyTorch's order), [N, C, H, W] → [N, C·r², H/r, W/r]. */
    public static INDArray pixelUnshuffle(INDArray x, int r) {
        return shuffle(x, r, true);
    }

    /** The inverse (and adjoint) of {@link #pixelUnshuffle}: [N, C·r², H/r, W/r] → [N, C, H, W]. */
    public static INDArray pixelShuffle(INDArray y, int r) {
        return shuffle(y, r, false);
    }

    private static INDArray shuffle(INDArray a, int r, boolean unshuffle) {
        INDArray src = contiguous(a);
        int n = (int) src.size(0);
        int c = unshuffle ? (int) src.size(1) : (int) src.size(1) / (r * r);
        int h = unshuffle ? (int) src.size(2) : (int) src.size(2) * r;
        int w = unshuffle ? (int) src.size(3) : (int) src.size(3) * r;
        int h2 = h / r;
        int w2 = w / r;
        INDArray out = unshuffle ? Nd4j.create(src.dataType(), n, (long) c * r * r, h2, w2)
                : Nd4j.create(src.dataType(), n, c, h, w);
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int idx = 0;
        for (int s = 0; s < n * c; s++) {
            for (int y = 0; y < h; y++) {
                int i = y % r;
                int yy = y / r;
                for (int x = 0; x < w; x++) {
                    int shuffled = (((s * r + i) * r + x % r) * h2 + yy) * w2 + x / r;
                    if (unshuffle) {
                        o.set(shuffled, in.get(idx));
                    } else {
                        o.set(idx, in.get(shuffled));
                    }
                    idx++;
                }
            }
        }
        return out;
    }

    /**
     * Circular padding of the spatial axes of [N, C, H, W]:
     * <pre>  y[n, c, i, j] = x[n, c, (i − top) mod H, (j − left) mod W]  </pre>
     */
    public static INDArray circularPad(INDArray x, int top, int bottom, int left, int right) {
        return pad(x, top, bottom, left, right, true, false);
    }

    /** The adjoint of {@link #circularPad}: each padded pixel added back to the pixel it copies. */
    public static INDArray circularPadAdjoint(INDArray u, int top, int bottom, int left, int right) {
        return pad(u, top, bottom, left, right, true, true);
    }

    /** Zero padding of the spatial axes by (top, bottom, left, right). */
    public static INDArray zeroPad(INDArray x, int top, int bottom, int left, int right) {
        return pad(x, top, bottom, left, right, false, false);
    }

    /** The adjoint of {@link #zeroPad}: the inner window. */
    public static INDArray crop(INDArray u, int top, int bottom, int left, int right) {
        return pad(u, top, bottom, left, right, false, true);
    }

    /** Padding (or, with {@code adjoint}, its adjoint from the padded array) in one loop over the padded grid. */
    private static INDArray pad(INDArray a, int top, int bottom, int left, int right, boolean circular,
                                boolean adjoint) {
        INDArray src = contiguous(a);
        int n = (int) src.size(0) * (int) src.size(1);
        int ph = (int) src.size(2) + (adjoint ? 0 : top + bottom);
        int pw = (int) src.size(3) + (adjoint ? 0 : left + right);
        int h = ph - top - bottom;
        int w = pw - left - right;
        INDArray out = adjoint ? Nd4j.zeros(src.dataType(), src.size(0), src.size(1), h, w)
                : Nd4j.create(src.dataType(), src.size(0), src.size(1), ph, pw);
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        for (int s = 0; s < n; s++) {
            int padded = s * ph * pw;
            int plain = s * h * w;
            for (int i = 0; i < ph; i++) {
                int si = i - top;
                boolean insideRow = si >= 0 && si < h;
                if (circular) {
                    si = Math.floorMod(si, h);
                }
                for (int j = 0; j < pw; j++) {
                    int sj = j - left;
                    boolean inside = insideRow && sj >= 0 && sj < w;
                    if (circular) {
                        sj = Math.floorMod(sj, w);
                    } else if (!inside) {
                        if (!adjoint) {
                            o.set(padded + i * pw + j, 0);
                        }
                        continue;
                    }
                    int p = padded + i * pw + j;
                    int q = plain + si * w + sj;
                    if (adjoint) {
                        o.add(q, in.get(p));
                    } else {
                        o.set(p, in.get(q));
                    }
                }
            }
        }
        return out;
    }

    /** y[n, c, i, j] = x[n, c, ⌊i/f⌋, ⌊j/f⌋]: [N, C, H, W] → [N, C, fH, fW]. */
    public static INDArray nearestUpsample(INDArray x, int f) {
        INDArray src = contiguous(x);
        int n = (int) (src.size(0) * src.size(1));
        int h = (int) src.size(2);
        int w = (int) src.size(3);
        INDArray out = Nd4j.create(src.dataType(), src.size(0), src.size(1), (long) h * f, (long) w * f);
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int idx = 0;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < h * f; i++) {
                int row = (s * h + i / f) * w;
                for (int j = 0; j < w * f; j++) {
                    o.set(idx++, in.get(row + j / f));
                }
            }
        }
        return out;
    }

    /** The adjoint of {@link #nearestUpsample}: each f×f block summed. */
    public static INDArray nearestUpsampleAdjoint(INDArray u, int f) {
        INDArray src = contiguous(u);
        int n = (int) (src.size(0) * src.size(1));
        int h = (int) src.size(2) / f;
        int w = (int) src.size(3) / f;
        INDArray out = Nd4j.zeros(src.dataType(), src.size(0), src.size(1), h, w);
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int idx = 0;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < h * f; i++) {
                int row = (s * h + i / f) * w;
                for (int j = 0; j < w * f; j++) {
                    o.add(row + j / f, in.get(idx++));
                }
            }
        }
        return out;
    }

    /**
     * MaxMin over channel pairs (c, c + C/2) of [N, C, …]: y[c] = max, y[c + C/2] = min; {@code mask[k]} is set to 1
     * where the first of pair k was the larger (ties: the first), for the backward pass.
     *
     * @param mask at least N·C/2·(spatial size) entries, overwritten
     */
    public static INDArray maxMin(INDArray x, byte[] mask) {
        INDArray src = contiguous(x);
        Buffer in = Buffer.of(src);
        int n = (int) src.size(0);
        int half = (int) (src.length() / n / 2);
        int k = 0;
        for (int s = 0; s < n; s++) {
            int base = s * 2 * half;
            for (int e = 0; e < half; e++) {
                mask[k++] = (byte) (in.get(base + e) >= in.get(base + half + e) ? 1 : 0);
            }
        }
        // (max, min) per pair is x itself under the recorded pair permutation.
        return maxMinPermute(src, mask);
    }

    /**
     * The pair permutation of the last {@link #maxMin} applied to g (its own transpose): where the first was the
     * larger, (g[c], g[c + C/2]) stays, elsewhere the two swap. Serves the backward pass and the Jacobian–vector
     * product.
     */
    public static INDArray maxMinPermute(INDArray g, byte[] mask) {
        INDArray src = contiguous(g);
        INDArray out = Nd4j.create(src.dataType(), src.shape());
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int n = (int) src.size(0);
        int half = (int) (src.length() / n / 2);
        int k = 0;
        for (int s = 0; s < n; s++) {
            int base = s * 2 * half;
            for (int e = 0; e < half; e++) {
                double a = in.get(base + e);
                double b = in.get(base + half + e);
                boolean keep = mask[k++] == 1;
                o.set(base + e, keep ? a : b);
                o.set(base + half + e, keep ? b : a);
            }
        }
        return out;
    }

    /**
     * y = x for x &gt; 0, α·x otherwise; {@code positive[i]} records x &gt; 0 for the backward pass.
     *
     * @param positive at least x.length() entries, overwritten
     */
    public static INDArray leakyRelu(INDArray x, double alpha, byte[] positive) {
        INDArray src = contiguous(x);
        INDArray out = Nd4j.create(src.dataType(), src.shape());
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int len = (int) src.length();
        for (int i = 0; i < len; i++) {
            double v = in.get(i);
            boolean p = v > 0;
            positive[i] = (byte) (p ? 1 : 0);
            o.set(i, p ? v : alpha * v);
        }
        return out;
    }

    /** g ⊙ (1 where the recorded input was positive, α elsewhere): LeakyReLU's Jacobian (it is diagonal). */
    public static INDArray leakyReluScale(INDArray g, double alpha, byte[] positive) {
        INDArray src = contiguous(g);
        INDArray out = Nd4j.create(src.dataType(), src.shape());
        Buffer in = Buffer.of(src);
        Buffer o = Buffer.of(out);
        int len = (int) src.length();
        for (int i = 0; i < len; i++) {
            double v = in.get(i);
            o.set(i, positive[i] == 1 ? v : alpha * v);
        }
        return out;
    }
}
