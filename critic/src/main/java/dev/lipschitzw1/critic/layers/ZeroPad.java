package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.critic.tensor.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero padding of C×H×W maps by (top, bottom, left, right) pixels, e.g. 28×28 → 32×32 with 2 on every side:
 * <pre>  y[c, i + top, j + left] = x[c, i, j],   0 elsewhere  </pre>
 * An isometry (‖y‖ = ‖x‖): certified bound 1, exact.
 */
public final class ZeroPad extends FixedLayer {

    /**
     * @param inputShape {C, H, W}
     * @throws InvalidConfigException if a padding is negative or the shape is not C×H×W
     */
    public ZeroPad(String name, int[] inputShape, int top, int bottom, int left, int right) {
        super(new PlainFixed(name, PlainFixed.Op.ZERO_PAD, checkShape(name, inputShape, 3, 3),
                new double[] {top, bottom, left, right}));
        InvalidConfigException.require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0, name + ".padding",
                top + "," + bottom + "," + left + "," + right, "non-negative");
    }

    /** Centres a C×H×W map in a C×size×size one (extra pixel, if odd, after). */
    public static ZeroPad centreTo(String name, int[] inputShape, int size) {
        InvalidConfigException.require(inputShape.length == 3 && size >= inputShape[1] && size >= inputShape[2],
                name + ".size", size, "≥ the input's height and width " + inputShape[1] + "×" + inputShape[2]);
        int dh = size - inputShape[1];
        int dw = size - inputShape[2];
        return new ZeroPad(name, inputShape, dh / 2, dh - dh / 2, dw / 2, dw - dw / 2);
    }

    @Override
    public INDArray forward(INDArray x) {
        double[] a = plain().arguments();
        return Kernels.zeroPad(x, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
    }

    /** The adjoint of zero padding crops: u[c, i + top, j + left] over the input's H×W. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        double[] a = plain().arguments();
        return Kernels.crop(gradOut, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
    }

    /** Linear: the Jacobian is the layer itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return forward(r);
    }
}
