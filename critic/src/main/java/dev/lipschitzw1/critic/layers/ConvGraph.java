package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stride-1 "same" convolution every convolutional layer uses, in one place:
 * <pre>  y[n, o, i, j] = bias[o] + Σ_{c,p,q} K[p, q, c, o] · x[n, c, i + p − b, j + q − b],   b = ⌊k/2⌋  </pre>
 * padding b before and k − 1 − b after on both axes (circularly or with zeros), then ND4J's VALID cross-correlation
 * with weights in YXIO layout [kH, kW, cIn, cOut] and data format NCHW (OIYX weights break {@code conv2d_bp} in
 * 1.0.0-M2.1). This is the convention of {@link PlainConv} and of the certifier.
 */
public final class ConvGraph {

    private ConvGraph() {
    }

    /** Pads an [N, C, H, W] map for a k×k kernel: b = ⌊k/2⌋ before, k − 1 − b after, on both spatial axes. */
    public static SDVariable padForKernel(SameDiff sd, SDVariable x, int height, int width, int k, Padding padding) {
        int before = k / 2;
        int after = k - 1 - before;
        if (before == 0 && after == 0) {
            return x;
        }
        if (padding == Padding.CIRCULAR) {
            return CircularPad.apply(sd, x, height, width, before, after, before, after);
        }
        int[][] pads = {{0, 0}, {0, 0}, {before, after}, {before, after}};
        return sd.nn().pad(x, sd.constant(Nd4j.createFromArray(pads)), PadMode.CONSTANT, 0.0);
    }

    /**
     * The padded stride-1 convolution above.
     *
     * @param kernelYxio [k, k, cIn, cOut]
     * @param bias       [cOut] or {@code null}
     */
    public static SDVariable convolve(SameDiff sd, String name, SDVariable x, SDVariable kernelYxio, SDVariable bias,
                                      int height, int width, int k, Padding padding) {
        SDVariable padded = padForKernel(sd, x, height, width, k, padding);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        return bias == null ? sd.cnn().conv2d(name, padded, kernelYxio, cfg)
                : sd.cnn().conv2d(name, padded, kernelYxio, bias, cfg);
    }

    /**
     * The adjoint of {@link #convolve} (without its bias) applied to u [N, cOut, H, W]: the input gradient
     * ∇ₓ ⟨u, conv(x)⟩ = padᵀ(convᵀ u), [N, cIn, H, W]. convᵀ is ND4J's {@code deconv2d} (transposed convolution,
     * stride 1, VALID) with the same YXIO array, read by deconv2d as [kH, kW, its cOut = our cIn, its cIn = our cOut],
     * giving the padded (H + k − 1)×(W + k − 1) map; padᵀ then crops it (zero padding) or adds the wrapped border back
     * ({@link CircularPad#adjoint}). Made of ops SameDiff differentiates once (deconv2d with respect to u and K).
     */
    public static SDVariable convolveAdjoint(SameDiff sd, SDVariable upstream, SDVariable kernelYxio, int height,
                                             int width, int k, Padding padding) {
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat("NCHW").build();
        SDVariable padded = sd.cnn().deconv2d(upstream, kernelYxio, cfg);
        int before = k / 2;
        int after = k - 1 - before;
        if (before == 0 && after == 0) {
            return padded;
        }
        if (padding == Padding.CIRCULAR) {
            return CircularPad.adjoint(sd, padded, height, width, before, after, before, after);
        }
        return padded.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(before, before + height),
                SDIndex.interval(before, before + width));
    }

    /**
     * The current value of a variable that depends on no placeholder (a parameter, or a weight built from parameters).
     * Op outputs are always recomputed: the array SameDiff keeps for them is that of the last execution, which is
     * stale after an optimiser update.
     */
    public static INDArray value(SameDiff sd, String variable) {
        SDVariable v = sd.getVariable(variable);
        if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
            return v.getArr();
        }
        return sd.output(Map.of(), variable).get(variable);
    }

    /** A YXIO [k, k, cIn, cOut] array as an OIHW {@code double[cOut][cIn][k][k]}. */
    public static double[][][][] yxioToOihw(INDArray yxio) {
        long[] s = yxio.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        int cout = (int) s[3];
        double[] v = yxio.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
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

    /** A vector's values in double. */
    public static double[] toDoubles(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }
}
