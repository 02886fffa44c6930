package dev.lipschitzw1.critic.certify;

/**
 * A kernel prepared for repeated application of the pinned convolution ({@link DirectConv2d}) and its adjoint on
 * channel-last flat maps, index (r·w + s)·channels + channel (package-private engine of DirectConv2d and of the
 * zero-padded Lanczos). Each tap is a channel-mixing matrix applied with contiguous axpy loops over channels:
 * <pre>  y[r, s, :] += K[:, :, p, q] · x[r + p − b_h, s + q − b_w, :]       (forward)
 *   x[r + p − b_h, s + q − b_w, :] += K[:, :, p, q]ᵀ · y[r, s, :]     (adjoint)  </pre>
 */
final class ConvOperator {

    private final int cout;
    private final int cin;
    private final int kh;
    private final int kw;
    /** forward[p·kw + q][i][o] = K[o][i][p][q]. */
    private final double[][][] forward;
    /** adjoint[p·kw + q][o][i] = K[o][i][p][q]. */
    private final double[][][] adjoint;

    ConvOperator(double[][][][] kernel) {
        KernelShape ks = KernelShape.of(kernel);
        cout = ks.cout();
        cin = ks.cin();
        kh = ks.kh();
        kw = ks.kw();
        forward = new double[kh * kw][cin][cout];
        adjoint = new double[kh * kw][cout][cin];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        forward[p * kw + q][i][o] = kernel[o][i][p][q];
                        adjoint[p * kw + q][o][i] = kernel[o][i][p][q];
                    }
                }
            }
        }
    }

    int cout() {
        return cout;
    }

    int cin() {
        return cin;
    }

    /**
     * out = K ⋆ in (transpose = false; in has cin channels, out cout) or Kᵀ in (transpose = true; in has cout channels,
     * out cin), on h×w channel-last maps; out is overwritten.
     */
    void apply(double[] in, double[] out, int h, int w, Padding padding, boolean transpose) {
        java.util.Arrays.fill(out, 0);
        int bh = kh / 2;
        int bw = kw / 2;
        int yCh = cout;
        int xCh = cin;
        double[][][] taps = transpose ? adjoint : forward;
        for (int r = 0; r < h; r++) {
            for (int s = 0; s < w; s++) {
                int yBase = (r * w + s) * yCh;
                for (int p = 0; p < kh; p++) {
                    int rr = r + p - bh;
                    if (padding == Padding.CIRCULAR) {
                        rr = Math.floorMod(rr, h);
                    } else if (rr < 0 || rr >= h) {
                        continue;
                    }
                    for (int q = 0; q < kw; q++) {
                        int ss = s + q - bw;
                        if (padding == Padding.CIRCULAR) {
                            ss = Math.floorMod(ss, w);
                        } else if (ss < 0 || ss >= w) {
                            continue;
                        }
                        int xBase = (rr * w + ss) * xCh;
                        double[][] tap = taps[p * kw + q];
                        if (transpose) {
                            for (int o = 0; o < yCh; o++) {
                                double v = in[yBase + o];
                                if (v != 0) {
                                    double[] row = tap[o];
                                    for (int i = 0; i < xCh; i++) {
                                        out[xBase + i] += v * row[i];
                                    }
                                }
                            }
                        } else {
                            for (int i = 0; i < xCh; i++) {
                                double v = in[xBase + i];
                                if (v != 0) {
                                    double[] row = tap[i];
                                    for (int o = 0; o < yCh; o++) {
                                        out[yBase + o] += v * row[o];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
