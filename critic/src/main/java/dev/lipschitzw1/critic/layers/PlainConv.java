package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.DirectConv2d;
import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * A materialised stride-1 "same" convolution (cross-correlation) on cin × H × W maps, kernel OIHW
 * {@code kernel[o][c][p][q]}, k×k, with b = ⌊k/2⌋ rows/columns of padding before and k − 1 − b after
 * (k = 2: one before, none after, as LConvNet):
 * <pre>  y[o, i, j] = bias[o] + Σ_{c,p,q} K[o, c, p, q] · x[c, i + p − b, j + q − b]  </pre>
 * where an index outside 0…H−1 (0…W−1) is taken modulo H (W) for {@link Padding#CIRCULAR} and reads 0 for
 * {@link Padding#ZERO} (the convention of {@link DirectConv2d}, which evaluates it). Its Lipschitz constant is the spectral norm of the linear part, computed exactly for
 * circular padding (and bounded for zero padding) by the certifier from this record.
 *
 * @param name       the layer's name
 * @param kind       {@code BCOP}, {@code RKO}, {@code OSSN} or {@code Conv2d}
 * @param kernel     cout × cin × k × k, as used by the forward pass
 * @param bias       length cout, or {@code null}
 * @param inputShape {cin, H, W}, the map size the layer acts on
 * @param padding    circular or zero
 */
public record PlainConv(String name, String kind, double[][][][] kernel, double[] bias, int[] inputShape,
                        Padding padding) implements PlainLayer {

    /** @throws ShapeMismatchException if the kernel, bias and input shape disagree */
    public PlainConv {
        kernel = copy(kernel);
        inputShape = inputShape.clone();
        int k = kernel[0][0].length;
        int[] expect = {kernel.length, kernel[0].length, k, k};
        for (double[][][] ko : kernel) {
            for (double[][] kc : ko) {
                if (ko.length != expect[1] || kc.length != k || kc[0].length != k) {
                    throw new ShapeMismatchException(name + ": kernel", expect,
                            new int[] {kernel.length, ko.length, kc.length, kc[0].length});
                }
            }
        }
        if (inputShape.length != 3 || inputShape[0] != expect[1]) {
            throw new ShapeMismatchException(name + ": input shape {cin, H, W}", new int[] {expect[1], -1, -1},
                    inputShape);
        }
        if (bias != null) {
            bias = bias.clone();
            if (bias.length != kernel.length) {
                throw new ShapeMismatchException(name + ": bias", new int[] {kernel.length}, new int[] {bias.length});
            }
        }
    }

    @Override
    public double[][][][] kernel() {
        return copy(kernel);
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
        return new int[] {kernel.length, inputShape[1], inputShape[2]};
    }

    /** Kernel size k. */
    public int kernelSize() {
        return kernel[0][0].length;
    }

    @Override
    public double[] forward(double[] x) {
        double[] y = applyLinear(x);
        if (bias != null) {
            int plane = inputShape[1] * inputShape[2];
            for (int o = 0; o < kernel.length; o++) {
                for (int t = 0; t < plane; t++) {
                    y[o * plane + t] += bias[o];
                }
            }
        }
        return y;
    }

    /** The linear part A x (no bias), on one sample flattened as {cin, H, W} ({@link DirectConv2d#apply}). */
    public double[] applyLinear(double[] x) {
        checkLength(x, PlainLayer.size(inputShape), "input");
        return flat(DirectConv2d.apply(kernel, unflat(x, inputShape[0]), padding));
    }

    /** The adjoint Aᵀ y of the linear part, on one output sample flattened as {cout, H, W}. */
    public double[] applyTranspose(double[] y) {
        checkLength(y, kernel.length * inputShape[1] * inputShape[2], "output");
        return flat(DirectConv2d.adjoint(kernel, unflat(y, kernel.length), padding));
    }

    private double[][][] unflat(double[] v, int channels) {
        int h = inputShape[1];
        int w = inputShape[2];
        double[][][] a = new double[channels][h][w];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(v, (c * h + i) * w, a[c][i], 0, w);
            }
        }
        return a;
    }

    private static double[] flat(double[][][] a) {
        int h = a[0].length;
        int w = a[0][0].length;
        double[] v = new double[a.length * h * w];
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(a[c][i], 0, v, (c * h + i) * w, w);
            }
        }
        return v;
    }

    private void checkLength(double[] v, int want, String what) {
        if (v.length != want) {
            throw new ShapeMismatchException(name + ": " + what + " values", new int[] {want}, new int[] {v.length});
        }
    }

    /** A deep copy of a 4-index array. */
    static double[][][][] copy(double[][][][] a) {
        double[][][][] c = new double[a.length][][][];
        for (int o = 0; o < a.length; o++) {
            c[o] = new double[a[o].length][][];
            for (int i = 0; i < a[o].length; i++) {
                c[o][i] = new double[a[o][i].length][];
                for (int p = 0; p < a[o][i].length; p++) {
                    c[o][i][p] = a[o][i][p].clone();
                }
            }
        }
        return c;
    }
}
