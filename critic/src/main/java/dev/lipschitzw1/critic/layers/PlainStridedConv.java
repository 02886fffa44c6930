package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * A materialised strided convolution (cross-correlation) with zero padding, cin × H × W → cout × (H/s) × (W/s), kernel
 * OIHW {@code kernel[o][c][p][q]}, k×k, stride s, pad = (k − s)/2 zero rows/columns on every side:
 * <pre>  y[o, i, j] = bias[o] + Σ_{c,p,q} K[o, c, p, q] · x[c, s·i + p − pad, s·j + q − pad]   (0 outside the map)  </pre>
 * (the WGAN-GP discriminator's 4×4, stride 2, padding 1). It is exactly a pixel-unshuffle by s (a permutation of
 * coordinates, {@link PixelUnshuffle}) followed by a stride-1 zero-padded convolution on the cin·s² × H/s × W/s map
 * ({@link #unshuffledConv()}): writing p − pad = s·P + a with 0 ≤ a &lt; s,
 * <pre>  x[c, s·i + p − pad, ·] = x'[c·s² + a·s + a', i + P, ·],   K'[o, c·s² + a·s + a', P + b, Q + b] = K[o, c, p, q]  </pre>
 * with b = max(−P_min, P_max) and k' = 2b + 1 (taps no (p, q) reaches are 0); s(i + P) + a lies in the map exactly when
 * i + P does, so the zero padding agrees too. Its Lipschitz constant is therefore that of the stride-1 conv, which the
 * certifier bounds from this record.
 *
 * @param name       the layer's name
 * @param kind       the construction, e.g. {@code StridedConv2d}
 * @param kernel     cout × cin × k × k, as used by the forward pass
 * @param bias       length cout, or {@code null}
 * @param inputShape {cin, H, W}, s dividing H and W
 * @param stride     s ≥ 1, with k − s even and ≥ 0
 */
public record PlainStridedConv(String name, String kind, double[][][][] kernel, double[] bias, int[] inputShape,
                               int stride) implements PlainLayer {

    /**
     * @throws ShapeMismatchException if the kernel, bias and input shape disagree
     * @throws InvalidConfigException if the stride does not fit the kernel size and the map
     */
    public PlainStridedConv {
        PlainConv asStrideOne = new PlainConv(name, kind, kernel, bias, inputShape, Padding.ZERO);
        kernel = asStrideOne.kernel();
        bias = asStrideOne.bias();
        inputShape = asStrideOne.inputShape();
        requireGeometry(name, kernel[0][0].length, stride, inputShape);
    }

    /**
     * Checks that a k×k convolution of stride s with padding (k − s)/2 maps cin×H×W onto cout×(H/s)×(W/s).
     *
     * @throws InvalidConfigException naming the field that does not fit
     */
    static void requireGeometry(String name, int k, int stride, int[] inputShape) {
        InvalidConfigException.require(stride >= 1 && k >= stride && (k - stride) % 2 == 0, name + ".stride", stride,
                "≥ 1, ≤ the kernel size " + k + " and of its parity (padding (k − s)/2 on each side)");
        InvalidConfigException.require(inputShape[1] % stride == 0 && inputShape[2] % stride == 0,
                name + ".inputShape", inputShape[1] + "×" + inputShape[2], "a map size divisible by the stride " + stride);
    }

    @Override
    public double[][][][] kernel() {
        return PlainConv.copy(kernel);
    }

    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[] {kernel.length, inputShape[1] / stride, inputShape[2] / stride};
    }

    /** Kernel size k. */
    public int kernelSize() {
        return kernel[0][0].length;
    }

    /** Zero rows (columns) on each side: (k − s)/2. */
    public int padding() {
        return (kernelSize() - stride) / 2;
    }

    /** The class comment's formula by direct summation, on one sample flattened as {cin, H, W}. */
    @Override
    public double[] forward(double[] x) {
        int cin = inputShape[0];
        int h = inputShape[1];
        int w = inputShape[2];
        if (x.length != cin * h * w) {
            throw new ShapeMismatchException(name + ": input values", new int[] {cin * h * w}, new int[] {x.length});
        }
        int k = kernelSize();
        int pad = padding();
        int ho = h / stride;
        int wo = w / stride;
        double[] y = new double[kernel.length * ho * wo];
        for (int o = 0; o < kernel.length; o++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double sum = bias == null ? 0 : bias[o];
                    for (int c = 0; c < cin; c++) {
                        for (int p = 0; p < k; p++) {
                            int row = stride * i + p - pad;
                            if (row < 0 || row >= h) {
                                continue;
                            }
                            for (int q = 0; q < k; q++) {
                                int col = stride * j + q - pad;
                                if (col >= 0 && col < w) {
                                    sum += kernel[o][c][p][q] * x[(c * h + row) * w + col];
                                }
                            }
                        }
                    }
                    y[(o * ho + i) * wo + j] = sum;
                }
            }
        }
        return y;
    }

    /**
     * The equivalent stride-1 zero-padded convolution on the pixel-unshuffled map {cin·s², H/s, W/s} (class comment):
     * this layer equals {@link PixelUnshuffle}(s) followed by it, so both have the same operator norm.
     */
    public PlainConv unshuffledConv() {
        int k = kernelSize();
        int s = stride;
        int pad = padding();
        int b = Math.max(-Math.floorDiv(-pad, s), Math.floorDiv(k - 1 - pad, s));
        int kk = 2 * b + 1;
        int cin = inputShape[0];
        double[][][][] out = new double[kernel.length][cin * s * s][kk][kk];
        for (int o = 0; o < kernel.length; o++) {
            for (int c = 0; c < cin; c++) {
                for (int p = 0; p < k; p++) {
                    int a = Math.floorMod(p - pad, s);
                    int bigP = Math.floorDiv(p - pad, s);
                    for (int q = 0; q < k; q++) {
                        int a2 = Math.floorMod(q - pad, s);
                        int bigQ = Math.floorDiv(q - pad, s);
                        out[o][c * s * s + a * s + a2][bigP + b][bigQ + b] = kernel[o][c][p][q];
                    }
                }
            }
        }
        int[] shape = {cin * s * s, inputShape[1] / s, inputShape[2] / s};
        return new PlainConv(name, kind, out, bias, shape, Padding.ZERO);
    }
}
