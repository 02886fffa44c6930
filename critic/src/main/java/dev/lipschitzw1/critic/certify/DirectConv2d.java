package dev.lipschitzw1.critic.certify;

import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * The project's pinned convolution convention, computed directly in double: stride-1 "same" cross-correlation
 * <pre>  y[o, r, s] = Σ_{i, p, q} K[o, i, p, q] · x[i, r + p − b_h, s + q − b_w],   b_h = ⌊k_h/2⌋,  b_w = ⌊k_w/2⌋  </pre>
 * for K in OIHW layout [cout][cin][k_h][k_w] and x of shape [cin][h][w], y of shape [cout][h][w]; b rows/columns of
 * padding before and k − 1 − b after (LConvNet's {@code conv2d_cyclic_pad}: k = 2 pads one before, none after).
 * Out-of-map indices wrap modulo h, w ({@link Padding#CIRCULAR}) or read as 0 ({@link Padding#ZERO}). This is what ND4J's
 * {@code conv2d} computes on an input padded that way, with weights YXIO[p][q][i][o] = K[o][i][p][q].
 * {@link #adjoint} applies the transpose: ⟨apply(x), y⟩ = ⟨x, adjoint(y)⟩. Cost O(cout·cin·k_h·k_w·h·w).
 */
public final class DirectConv2d {

    private DirectConv2d() {
    }

    /**
     * y = K ⋆ x.
     *
     * @param kernel OIHW
     * @param x      [cin][h][w]
     * @return [cout][h][w]
     * @throws ShapeMismatchException if x has another channel count than the kernel's cin, or is ragged
     */
    public static double[][][] apply(double[][][][] kernel, double[][][] x, Padding padding) {
        KernelShape ks = KernelShape.of(kernel);
        int h = x.length == 0 ? 0 : x[0].length;
        int w = h == 0 ? 0 : x[0][0].length;
        requireMap(x, ks.cin(), h, w, "conv input");
        double[] out = new double[ks.cout() * h * w];
        applyFlat(kernel, flatten(x, h, w), out, h, w, padding, false);
        return unflatten(out, ks.cout(), h, w);
    }

    /**
     * x = Kᵀ y, the adjoint of {@link #apply}.
     *
     * @param y [cout][h][w]
     * @return [cin][h][w]
     */
    public static double[][][] adjoint(double[][][][] kernel, double[][][] y, Padding padding) {
        KernelShape ks = KernelShape.of(kernel);
        int h = y.length == 0 ? 0 : y[0].length;
        int w = h == 0 ? 0 : y[0][0].length;
        requireMap(y, ks.cout(), h, w, "conv adjoint input");
        double[] out = new double[ks.cin() * h * w];
        applyFlat(kernel, flatten(y, h, w), out, h, w, padding, true);
        return unflatten(out, ks.cin(), h, w);
    }

    /**
     * Flat form, no checks: {@code out} (zeroed here) receives K ⋆ in (adjoint = false; in is [cin·h·w]) or Kᵀ in
     * (adjoint = true; in is [cout·h·w]), row-major [channel][row][column].
     */
    static void applyFlat(double[][][][] kernel, double[] in, double[] out, int h, int w, Padding padding,
                          boolean adjoint) {
        java.util.Arrays.fill(out, 0);
        int cout = kernel.length;
        int cin = kernel[0].length;
        int kh = kernel[0][0].length;
        int kw = kernel[0][0][0].length;
        int bh = kh / 2;
        int bw = kw / 2;
        boolean circular = padding == Padding.CIRCULAR;
        int plane = h * w;
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                double[][] k2 = kernel[o][c];
                int yBase = o * plane;
                int xBase = c * plane;
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        double kv = k2[p][q];
                        if (kv == 0) {
                            continue;
                        }
                        int dj = q - bw;
                        for (int r = 0; r < h; r++) {
                            int rr = r + p - bh;
                            if (circular) {
                                rr = Math.floorMod(rr, h);
                            } else if (rr < 0 || rr >= h) {
                                continue;
                            }
                            int yRow = yBase + r * w;
                            int xRow = xBase + rr * w;
                            // columns s read source column s + dj: contiguous runs up to the next wrap or edge.
                            for (int s = 0; s < w; ) {
                                int src = s + dj;
                                int run;
                                int from = -1;
                                if (circular) {
                                    from = Math.floorMod(src, w);
                                    run = Math.min(w - s, w - from);
                                } else if (src < 0) {
                                    run = Math.min(w - s, -src);
                                } else if (src >= w) {
                                    run = w - s;
                                } else {
                                    from = src;
                                    run = Math.min(w - s, w - src);
                                }
                                if (from >= 0) {
                                    if (adjoint) {
                                        for (int t = 0; t < run; t++) {
                                            out[xRow + from + t] += kv * in[yRow + s + t];
                                        }
                                    } else {
                                        for (int t = 0; t < run; t++) {
                                            out[yRow + s + t] += kv * in[xRow + from + t];
                                        }
                                    }
                                }
                                s += run;
                            }
                        }
                    }
                }
            }
        }
    }

    static double[] flatten(double[][][] x, int h, int w) {
        double[] f = new double[x.length * h * w];
        for (int c = 0; c < x.length; c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(x[c][r], 0, f, (c * h + r) * w, w);
            }
        }
        return f;
    }

    static double[][][] unflatten(double[] f, int channels, int h, int w) {
        double[][][] x = new double[channels][h][w];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(f, (c * h + r) * w, x[c][r], 0, w);
            }
        }
        return x;
    }

    private static void requireMap(double[][][] x, int channels, int h, int w, String where) {
        if (x.length != channels || h == 0 || w == 0) {
            throw new ShapeMismatchException(where, new int[] {channels, Math.max(h, 1), Math.max(w, 1)},
                    new int[] {x.length, h, w});
        }
        for (double[][] plane : x) {
            if (plane.length != h) {
                throw new ShapeMismatchException(where, new int[] {channels, h, w}, new int[] {x.length, plane.length, -1});
            }
            for (double[] row : plane) {
                if (row.length != w) {
                    throw new ShapeMismatchException(where, new int[] {channels, h, w},
                            new int[] {x.length, h, row.length});
                }
            }
        }
    }
}
