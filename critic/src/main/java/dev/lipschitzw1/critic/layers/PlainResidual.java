package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * A materialised SDP-based Lipschitz residual layer (SLL) on cin × H × W maps, followed by a channel adapter:
 * <pre>
 *   u = A x + b,   z = x − 2 Aᵀ (t⁻¹ ⊙ ReLU(u)),   y = z zero-padded or truncated to cout channels
 * </pre>
 * A the stride-1 "same" convolution of {@code kernel} (OIHW [inner][cin][k][k], as {@link PlainConv}), t the diagonal
 * of T per inner channel. Certified by {@link dev.lipschitzw1.critic.certify.ResidualCertifier} (the adapter is an
 * isometry or a projection, 1-Lipschitz).
 *
 * @param name       the layer's name
 * @param kind       {@code SLL}
 * @param kernel     A's kernel, inner × cin × k × k
 * @param bias       b, length inner
 * @param t          T's diagonal, length inner
 * @param inputShape {cin, H, W}
 * @param cout       output channels (the first cout of z, zeros beyond cin)
 * @param padding    circular or zero
 */
public record PlainResidual(String name, String kind, double[][][][] kernel, double[] bias, double[] t,
                            int[] inputShape, int cout, Padding padding) implements PlainLayer {

    /** @throws ShapeMismatchException if the kernel, bias, t and input shape disagree */
    public PlainResidual {
        PlainConv conv = new PlainConv(name, kind, kernel, bias, inputShape, padding);
        kernel = conv.kernel();
        bias = conv.bias();
        inputShape = inputShape.clone();
        t = t.clone();
        if (bias == null || t.length != kernel.length) {
            throw new ShapeMismatchException(name + ": bias and t", new int[] {kernel.length, kernel.length},
                    new int[] {bias == null ? -1 : bias.length, t.length});
        }
    }

    @Override
    public double[][][][] kernel() {
        return new PlainConv(name, kind, kernel, null, inputShape, padding).kernel();
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[] {cout, inputShape[1], inputShape[2]};
    }

    @Override
    public double[] forward(double[] x) {
        PlainConv a = new PlainConv(name, kind, kernel, bias, inputShape, padding);
        double[] u = a.forward(x);
        int plane = inputShape[1] * inputShape[2];
        for (int j = 0; j < u.length; j++) {
            u[j] = Math.max(0, u[j]) / t[j / plane];
        }
        double[] back = a.applyTranspose(u);
        double[] y = new double[cout * plane];
        int kept = Math.min(cout, inputShape[0]) * plane;
        for (int j = 0; j < kept; j++) {
            y[j] = x[j] - 2 * back[j];
        }
        return y;
    }
}
