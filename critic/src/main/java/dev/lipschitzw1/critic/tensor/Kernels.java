package dev.lipschitzw1.critic.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's data-movement and piecewise-linear kernels, written as index maps and loops over Java arrays, one
 * sample (or one stack of kernel taps) per bulk copy ({@link Blocks}): pixel (un)shuffle, circular and zero padding
 * with their adjoints, nearest upsampling, permuted copies, the BCOP tap composition and its adjoint, MaxMin,
 * LeakyReLU, and the symmetric part and diagonal shift of Björck's iteration. Permutations, copies and selects are
 * exact; the tap sums add in the order the array operations they replace did.
 *
 * <p>Why not ND4J's own ops: in 1.0.0-M2.1 a permuted copy ({@code permute(…).dup()}), a {@code concat} or a pairwise
 * op on channel views runs its generic strided loop, measured 10–15× slower than these loops (a 128×16×16×16 pixel
 * unshuffle: 15.5 ms as a 6-D permute copy, 0.4 ms here; docs/decisions.md, decisions 24 and 34). Inputs are made
 * contiguous first (copied if they are views); outputs are new arrays in the caller's workspace.
 */
public final class Kernels {

    private Kernels() {
    }

    /** {@code a} itself if contiguous and c-ordered from its buffer's start, else a c-ordered copy. */
    public static INDArray contiguous(INDArray a) {
        return HostBlas.dense(a) && a.offset() == 0 ? a : a.dup('c');
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
        INDArray out = unshuffle ? Nd4j.createUninitialized(src.dataType(), n, (long) c * r * r, h2, w2)
                : Nd4j.createUninitialized(src.dataType(), n, c, h, w);
        int len = c * h * w;
        int[] map = Blocks.mapScratch(len);
        int idx = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int i = y % r;
                int yy = y / r;
                for (int x = 0; x < w; x++) {
                    int shuffled = (((ch * r + i) * r + x % r) * h2 + yy) * w2 + x / r;
                    // unshuffle: out[shuffled] = in[idx]; shuffle: out[idx] = in[shuffled].
                    if (unshuffle) {
                        map[shuffled] = idx;
                    } else {
                        map[idx] = shuffled;
                    }
                    idx++;
                }
            }
        }
        Blocks.gather(src, out, n, map, len, len);
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

    /**
     * Padding (or, with {@code adjoint}, its adjoint from the padded array) as one index map over the padded grid of
     * a sample: padded pixel p copies plain pixel map[p] (−1: a zero).
     */
    private static INDArray pad(INDArray a, int top, int bottom, int left, int right, boolean circular,
                                boolean adjoint) {
        INDArray src = contiguous(a);
        int n = (int) src.size(0);
        int channels = (int) src.size(1);
        int ph = (int) src.size(2) + (adjoint ? 0 : top + bottom);
        int pw = (int) src.size(3) + (adjoint ? 0 : left + right);
        int h = ph - top - bottom;
        int w = pw - left - right;
        INDArray out = adjoint ? Nd4j.createUninitialized(src.dataType(), n, channels, h, w)
                : Nd4j.createUninitialized(src.dataType(), n, channels, ph, pw);
        int paddedLen = channels * ph * pw;
        int plainLen = channels * h * w;
        int[] map = Blocks.mapScratch(paddedLen);
        int p = 0;
        for (int ch = 0; ch < channels; ch++) {
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
                    }
                    map[p++] = circular || inside ? (ch * h + si) * w + sj : -1;
                }
            }
        }
        if (adjoint) {
            Blocks.scatterAdd(src, out, n, map, paddedLen, plainLen);
        } else {
            Blocks.gather(src, out, n, map, plainLen, paddedLen);
        }
        return out;
    }

    /** y[n, c, i, j] = x[n, c, ⌊i/f⌋, ⌊j/f⌋]: [N, C, H, W] → [N, C, fH, fW]. */
    public static INDArray nearestUpsample(INDArray x, int f) {
        return upsample(x, f, false);
    }

    /** The adjoint of {@link #nearestUpsample}: each f×f block summed. */
    public static INDArray nearestUpsampleAdjoint(INDArray u, int f) {
        return upsample(u, f, true);
    }

    /** Nearest upsampling (or its adjoint) as one index map: upsampled pixel q copies plain pixel map[q]. */
    private static INDArray upsample(INDArray a, int f, boolean adjoint) {
        INDArray src = contiguous(a);
        int n = (int) src.size(0);
        int channels = (int) src.size(1);
        int h = (int) src.size(2) / (adjoint ? f : 1);
        int w = (int) src.size(3) / (adjoint ? f : 1);
        INDArray out = adjoint ? Nd4j.createUninitialized(src.dataType(), n, channels, h, w)
                : Nd4j.createUninitialized(src.dataType(), n, channels, (long) h * f, (long) w * f);
        int bigLen = channels * h * f * w * f;
        int plainLen = channels * h * w;
        int[] map = Blocks.mapScratch(bigLen);
        int q = 0;
        for (int s = 0; s < channels * h * f; s++) {
            int row = (s / (h * f) * h + (s % (h * f)) / f) * w;
            for (int j = 0; j < w * f; j++) {
                map[q++] = row + j / f;
            }
        }
        if (adjoint) {
            Blocks.scatterAdd(src, out, n, map, bigLen, plainLen);
        } else {
            Blocks.gather(src, out, n, map, plainLen, bigLen);
        }
        return out;
    }

    /** {@code a.permute(axes)} as a new c-ordered array (one index map; ND4J's permuted copy is its slow strided loop). */
    public static INDArray permutedCopy(INDArray a, int... axes) {
        INDArray src = contiguous(a);
        int rank = src.rank();
        long[] inShape = src.shape();
        long[] outShape = new long[rank];
        int[] inStride = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStride[d] = stride;
            stride *= (int) inShape[d];
        }
        int[] step = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = inShape[axes[d]];
            step[d] = inStride[axes[d]];
        }
        int len = (int) src.length();
        int[] map = Blocks.mapScratch(len);
        int[] idx = new int[rank];
        int at = 0;
        for (int i = 0; i < len; i++) {
            map[i] = at;
            // Odometer over the output's index, last axis fastest; `at` follows it in the input.
            for (int d = rank - 1; d >= 0; d--) {
                at += step[d];
                if (++idx[d] < outShape[d]) {
                    break;
                }
                at -= step[d] * idx[d];
                idx[d] = 0;
            }
        }
        INDArray out = Nd4j.createUninitialized(src.dataType(), outShape);
        Blocks.gather(src, out, 1, map, len, len);
        return out;
    }

    /**
     * One BCOP factor P + (I − P)·z on taps T [k1, k2, r, c] given TP = T·P (same shape): the taps of the product,
     * [k1 + 1, k2, r, c] along axis 1 or [k1, k2 + 1, r, c] along axis 2:
     * <pre>  out[a][b] = TP[a][b] + (T − TP)[a − 1][b]   (axis 1; terms outside the range are 0)  </pre>
     */
    public static INDArray factorTaps(INDArray t, INDArray tp, boolean axis1) {
        INDArray ts = contiguous(t);
        INDArray ps = contiguous(tp);
        int k1 = (int) ts.size(0);
        int k2 = (int) ts.size(1);
        int tap = (int) (ts.size(2) * ts.size(3));
        int n1 = axis1 ? k1 + 1 : k1;
        int n2 = axis1 ? k2 : k2 + 1;
        INDArray out = Nd4j.createUninitialized(ts.dataType(), n1, n2, ts.size(2), ts.size(3));
        int[] same = new int[n1 * n2];
        int[] shifted = new int[n1 * n2];
        for (int a = 0; a < n1; a++) {
            for (int b = 0; b < n2; b++) {
                int sa = axis1 ? a - 1 : a;
                int sb = axis1 ? b : b - 1;
                same[a * n2 + b] = a < k1 && b < k2 ? a * k2 + b : -1;
                shifted[a * n2 + b] = sa >= 0 && sb >= 0 ? sa * k2 + sb : -1;
            }
        }
        // (T − TP)[shifted] first, then TP[same]: the sum rounds as (T − TP) + TP·… would in two array ops.
        Blocks.tapCombination(new INDArray[] {ts, ps, ps}, new int[][] {shifted, shifted, same},
                new double[] {1, -1, 1}, out, tap);
        return out;
    }

    /**
     * The adjoint of {@link #factorTaps} split in its two parts, for G = ∂L/∂out [n1, n2, r, c]: the window
     * G_shifted = G[1:, :] (axis 1) or G[:, 1:] (axis 2) and D = G_same − G_shifted with G_same = G[:k1, :k2], both
     * [k1, k2, r, c]; then ∂L/∂T = G_shifted + D·P and ∂L/∂P = Σ Tᵀ D.
     *
     * @return {G_shifted, D}
     */
    public static INDArray[] factorTapsAdjoint(INDArray g, boolean axis1) {
        INDArray gs = contiguous(g);
        int k1 = (int) gs.size(0) - (axis1 ? 1 : 0);
        int k2 = (int) gs.size(1) - (axis1 ? 0 : 1);
        int n2 = (int) gs.size(1);
        int tap = (int) (gs.size(2) * gs.size(3));
        int[] same = new int[k1 * k2];
        int[] shifted = new int[k1 * k2];
        for (int a = 0; a < k1; a++) {
            for (int b = 0; b < k2; b++) {
                same[a * k2 + b] = a * n2 + b;
                shifted[a * k2 + b] = axis1 ? (a + 1) * n2 + b : a * n2 + b + 1;
            }
        }
        INDArray windowed = Nd4j.createUninitialized(gs.dataType(), k1, k2, gs.size(2), gs.size(3));
        INDArray difference = Nd4j.createUninitialized(gs.dataType(), k1, k2, gs.size(2), gs.size(3));
        Blocks.tapCombination(new INDArray[] {gs}, new int[][] {shifted}, new double[] {1}, windowed, tap);
        Blocks.tapCombination(new INDArray[] {gs, gs}, new int[][] {same, shifted}, new double[] {1, -1}, difference,
                tap);
        return new INDArray[] {windowed, difference};
    }

    /**
     * Block {@code index} (entries [index·len, (index + 1)·len)) of a contiguous array, in double, in this thread's
     * scratch array: valid until the thread's next call of this method.
     */
    public static double[] blockAsDoubles(INDArray a, int index, int len) {
        return Blocks.blockAsDoubles(contiguous(a), index, len);
    }

    /**
     * MaxMin over channel pairs (c, c + C/2) of [N, C, …]: y[c] = max, y[c + C/2] = min; {@code mask[k]} is set to 1
     * where the first of pair k was the larger (ties: the first), for the backward pass.
     *
     * @param mask at least N·C/2·(spatial size) entries, overwritten
     */
    public static INDArray maxMin(INDArray x, byte[] mask) {
        return pairs(x, mask, true);
    }

    /**
     * The pair permutation of the last {@link #maxMin} applied to g (its own transpose): where the first was the
     * larger, (g[c], g[c + C/2]) stays, elsewhere the two swap. Serves the backward pass and the Jacobian–vector
     * product.
     */
    public static INDArray maxMinPermute(INDArray g, byte[] mask) {
        return pairs(g, mask, false);
    }

    private static INDArray pairs(INDArray a, byte[] mask, boolean record) {
        INDArray src = contiguous(a);
        INDArray out = Nd4j.createUninitialized(src.dataType(), src.shape());
        int n = (int) src.size(0);
        // (max, min) per pair is x itself under the recorded pair permutation.
        Blocks.pairPermute(src, out, n, (int) (src.length() / n / 2), mask, record);
        return out;
    }

    /**
     * y = x for x &gt; 0, α·x otherwise; {@code positive[i]} records x &gt; 0 for the backward pass.
     *
     * @param positive at least x.length() entries, overwritten
     */
    public static INDArray leakyRelu(INDArray x, double alpha, byte[] positive) {
        INDArray src = contiguous(x);
        INDArray out = Nd4j.createUninitialized(src.dataType(), src.shape());
        Blocks.leakyScale(src, out, alpha, positive, true);
        return out;
    }

    /** g ⊙ (1 where the recorded input was positive, α elsewhere): LeakyReLU's Jacobian (it is diagonal). */
    public static INDArray leakyReluScale(INDArray g, double alpha, byte[] positive) {
        INDArray src = contiguous(g);
        INDArray out = Nd4j.createUninitialized(src.dataType(), src.shape());
        Blocks.leakyScale(src, out, alpha, positive, false);
        return out;
    }

    /**
     * In place, per n×n matrix of a contiguous stack [b, n, n]: S ← S + Sᵀ (when {@code symmetrise}) + d·I. Björck's
     * forward step adds (1+β)·I to −β·XᵀX, its backward pass needs XᵀG + GᵀX.
     */
    public static INDArray symmetriseAndShift(INDArray stack, boolean symmetrise, double d) {
        int n = (int) stack.size(stack.rank() - 1);
        Blocks.symmetriseAndShift(stack, (int) (stack.length() / ((long) n * n)), n, symmetrise, d);
        return stack;
    }
}
