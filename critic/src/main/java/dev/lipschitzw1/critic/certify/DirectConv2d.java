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
        new ConvOperator(kernel).apply(flatten(x, h, w), out, h, w, padding, false);
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
        new ConvOperator(kernel).apply(flatten(y, h, w), out, h, w, padding, true);
        return unflatten(out, ks.cin(), h, w);
    }

    /** [c][h][w] → channel-last flat array, index (r·w + s)·c + channel. */
    static double[] flatten(double[][][] x, int h, int w) {
        int ch = x.length;
        double[] f = new double[ch * h * w];
        for (int c = 0; c < ch; c++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    f[(r * w + s) * ch + c] = x[c][r][s];
                }
            }
        }
        return f;
    }

    static double[][][] unflatten(double[] f, int channels, int h, int w) {
        double[][][] x = new double[channels][h][w];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    x[c][r][s] = f[(r * w + s) * channels + c];
                }
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
