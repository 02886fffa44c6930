package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.lipschitzw1.critic.tensor.Kernels;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The stride-1 "same" convolution every convolutional layer uses, in one place, as eager ND4J ops:
 * <pre>  y[n, o, i, j] = bias[o] + Σ_{c,p,q} K[p, q, c, o] · x[n, c, i + p − b, j + q − b],   b = ⌊k/2⌋  </pre>
 * padding b before and k − 1 − b after on both axes (circularly or with zeros), then libnd4j's VALID
 * cross-correlation ({@code conv2d}; oneDNN's kernel in the oneDNN builds) with weights in YXIO layout
 * [kH, kW, cIn, cOut] and data format NCHW. Backward: {@code conv2d_bp} (input, weight and bias gradients) or, when
 * only the input gradient is wanted, {@code deconv2d} (the transposed convolution), followed by the adjoint of the
 * padding. This is the convention of {@link PlainConv} and of the certifier. The strided convolution with symmetric
 * zero padding of {@link StridedConv2d} ({@link #convolveStrided}) is libnd4j's {@code conv2d} with explicit padding.
 */
public final class ConvOps {

    private ConvOps() {
    }

    /** Pads an [N, C, H, W] map for a k×k kernel: b = ⌊k/2⌋ before, k − 1 − b after, on both spatial axes. */
    public static INDArray padForKernel(INDArray x, int k, Padding padding) {
        int before = k / 2;
        int after = k - 1 - before;
        if (before == 0 && after == 0) {
            return x;
        }
        return padding == Padding.CIRCULAR ? circularPad(x, before, after, before, after)
                : zeroPad(x, before, after, before, after);
    }

    /** The adjoint of {@link #padForKernel}: [N, C, H + k − 1, W + k − 1] → [N, C, H, W]. */
    public static INDArray padForKernelAdjoint(INDArray u, int k, Padding padding) {
        int before = k / 2;
        int after = k - 1 - before;
        if (before == 0 && after == 0) {
            return u;
        }
        return padding == Padding.CIRCULAR ? circularPadAdjoint(u, before, after, before, after)
                : crop(u, before, after, before, after);
    }

    /**
     * conv(pad(x), K) + bias.
     *
     * @param x    [N, cIn, H, W]
     * @param yxio [k, k, cIn, cOut]
     * @param bias [cOut] or {@code null}
     */
    public static INDArray convolve(INDArray x, INDArray yxio, INDArray bias, int k, Padding padding) {
        return valid(padForKernel(x, k, padding), yxio, bias, k);
    }

    /** VALID stride-1 cross-correlation of an already padded map. */
    static INDArray valid(INDArray padded, INDArray yxio, INDArray bias, int k) {
        return convolveStrided(padded, yxio, bias, 1, 0);
    }

    /**
     * Gradients of ⟨gradOut, conv(pad(x), K) + bias⟩: {input [N, cIn, H, W], K [k, k, cIn, cOut], bias [cOut]}, the
     * last {@code null} when {@code bias} is {@code null}.
     *
     * @param padded pad(x) as {@link #padForKernel} made it
     */
    public static INDArray[] backward(INDArray padded, INDArray yxio, INDArray bias, INDArray gradOut, int k,
                               Padding padding) {
        INDArray[] g = backwardStrided(padded, yxio, bias, gradOut, 1, 0);
        return new INDArray[] {padForKernelAdjoint(g[0], k, padding), g[1], g[2]};
    }

    /**
     * The input gradient only: padᵀ(convᵀ u) for u [N, cOut, H, W], with libnd4j's {@code deconv2d} (stride 1, VALID),
     * which reads the YXIO array as [kH, kW, its cOut = our cIn, its cIn = our cOut].
     */
    public static INDArray convolveAdjoint(INDArray u, INDArray yxio, int k, Padding padding) {
        INDArray out = convolveStridedAdjoint(u, yxio, 1, 0, (int) u.size(2) + k - 1, (int) u.size(3) + k - 1);
        return padForKernelAdjoint(out, k, padding);
    }

    /** Weight gradient of ⟨u, conv(pad(r), K)⟩ with respect to K: the bilinear term of the gradient penalty. */
    public static INDArray weightGradient(INDArray r, INDArray yxio, INDArray u, int k, Padding padding) {
        return backward(padForKernel(r, k, padding), yxio, null, u, k, padding)[1];
    }

    /**
     * The strided convolution with zero padding {@code pad} on every side (the WGAN-GP discriminator's 4×4/2/1):
     * <pre>  y[n, o, i, j] = bias[o] + Σ_{c,p,q} K[p, q, c, o] · x[n, c, s·i + p − pad, s·j + q − pad]  </pre>
     * (zero outside the map), [N, cIn, H, W] → [N, cOut, (H + 2·pad − k)/s + 1, (W + 2·pad − k)/s + 1]: libnd4j's
     * {@code conv2d} with explicit padding.
     */
    public static INDArray convolveStrided(INDArray x, INDArray yxio, INDArray bias, int stride, int pad) {
        INDArray in = contiguous(x);
        int k = (int) yxio.size(0);
        INDArray out = Nd4j.create(in.dataType(), in.size(0), yxio.size(3), stridedSize(in.size(2), k, stride, pad),
                stridedSize(in.size(3), k, stride, pad));
        Ops.exec("conv2d", bias == null ? new INDArray[] {in, yxio} : new INDArray[] {in, yxio, bias},
                new INDArray[] {out}, convArgs(k, stride, pad), NO_DOUBLES);
        return out;
    }

    /**
     * Gradients of ⟨gradOut, {@link #convolveStrided}(x, K, bias)⟩: {input, K, bias}, the last {@code null} when
     * {@code bias} is {@code null} ({@code conv2d_bp}).
     */
    public static INDArray[] backwardStrided(INDArray x, INDArray yxio, INDArray bias, INDArray gradOut, int stride,
                                             int pad) {
        INDArray in = contiguous(x);
        INDArray g = contiguous(gradOut);
        INDArray gradIn = Nd4j.create(in.dataType(), in.shape());
        INDArray gradW = Nd4j.create(in.dataType(), yxio.shape());
        INDArray gradB = bias == null ? null : Nd4j.create(in.dataType(), yxio.size(3));
        Ops.exec("conv2d_bp", bias == null ? new INDArray[] {in, yxio, g} : new INDArray[] {in, yxio, bias, g},
                bias == null ? new INDArray[] {gradIn, gradW} : new INDArray[] {gradIn, gradW, gradB},
                convArgs((int) yxio.size(0), stride, pad), NO_DOUBLES);
        return new INDArray[] {gradIn, gradW, gradB};
    }

    /**
     * The input gradient of {@link #convolveStrided} only, the transposed convolution ({@code deconv2d}, which reads
     * the YXIO array as [kH, kW, its cOut = our cIn, its cIn = our cOut]) onto an H×W map: u [N, cOut, h, w] →
     * [N, cIn, H, W]. Defined when (H + 2·pad − k) is a multiple of s, so that the forward pass reads every row.
     */
    public static INDArray convolveStridedAdjoint(INDArray u, INDArray yxio, int stride, int pad, int height,
                                                  int width) {
        INDArray g = contiguous(u);
        INDArray out = Nd4j.create(g.dataType(), g.size(0), yxio.size(2), height, width);
        Ops.exec("deconv2d", new INDArray[] {g, yxio}, new INDArray[] {out}, convArgs((int) yxio.size(0), stride, pad),
                NO_DOUBLES);
        return out;
    }

    /** Output size of a strided convolution along one axis: (n + 2·pad − k)/s + 1. */
    public static int stridedSize(long n, int k, int stride, int pad) {
        return (int) ((n + 2L * pad - k) / stride + 1);
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, same mode 0, data format 0 (NCHW), weight format 0 (YXIO). */
    private static long[] convArgs(int k, int stride, int pad) {
        return new long[] {k, k, stride, stride, pad, pad, 1, 1, 0, 0, 0};
    }

    private static final double[] NO_DOUBLES = {};

    private static INDArray contiguous(INDArray a) {
        return Kernels.contiguous(a);
    }

    /**
     * Circular (periodic) padding of the two spatial axes of an [N, C, H, W] map,
     * <pre>  y[n, c, i, j] = x[n, c, (i − top) mod H, (j − left) mod W]  </pre>
     * padding wider than the map wraps several times. Not a Lipschitz layer on its own (it duplicates pixels); inside
     * a circular convolution it is part of an operator that the certifier handles exactly.
     *
     * @throws InvalidConfigException if a padding is negative
     */
    public static INDArray circularPad(INDArray x, int top, int bottom, int left, int right) {
        requirePads(top, bottom, left, right);
        return Kernels.circularPad(x, top, bottom, left, right);
    }

    /**
     * The adjoint of {@link #circularPad}: every copy is added back to the pixel it came from,
     * <pre>  g[n, c, i, j] = Σ u[n, c, i', j']  over  (i' − top) mod H = i,  (j' − left) mod W = j  </pre>
     */
    public static INDArray circularPadAdjoint(INDArray u, int top, int bottom, int left, int right) {
        requirePads(top, bottom, left, right);
        return Kernels.circularPadAdjoint(u, top, bottom, left, right);
    }

    /** Zero padding of the spatial axes by (top, bottom, left, right). */
    public static INDArray zeroPad(INDArray x, int top, int bottom, int left, int right) {
        requirePads(top, bottom, left, right);
        return Kernels.zeroPad(x, top, bottom, left, right);
    }

    /** The adjoint of {@link #zeroPad}: the inner H×W window, as a new array. */
    public static INDArray crop(INDArray u, int top, int bottom, int left, int right) {
        return Kernels.crop(u, top, bottom, left, right);
    }

    private static void requirePads(int top, int bottom, int left, int right) {
        InvalidConfigException.require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, "padding",
                top + "," + bottom + "," + left + "," + right, "non-negative");
    }

    /** A YXIO [k, k, cIn, cOut] array as an OIHW {@code double[cOut][cIn][k][k]}. */
    public static double[][][][] yxioToOihw(INDArray yxio) {
        long[] s = yxio.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        int cout = (int) s[3];
        double[] v = toDoubles(yxio);
        double[][][][] out = new double[cout][cin][k][k];
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int c = 0; c < cin; c++) {
                    for (int o = 0; o < cout; o++) {
                        out[o][c][p][q] = v[((p * k + q) * cin + c) * cout + o];
                    }
                }
            }
        }
        return out;
    }

    /** An OIHW {@code double[cOut][cIn][k][k]} flattened in YXIO order, for creating a [k, k, cIn, cOut] array. */
    public static double[] oihwToYxio(double[][][][] oihw) {
        int cout = oihw.length;
        int cin = oihw[0].length;
        int k = oihw[0][0].length;
        double[] v = new double[k * k * cin * cout];
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                for (int p = 0; p < k; p++) {
                    for (int q = 0; q < k; q++) {
                        v[((p * k + q) * cin + c) * cout + o] = oihw[o][c][p][q];
                    }
                }
            }
        }
        return v;
    }

    /** An array's values in double, row-major. */
    public static double[] toDoubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
