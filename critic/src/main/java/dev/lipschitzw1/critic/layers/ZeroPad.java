package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
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
    public SDVariable apply(SameDiff sd, SDVariable x) {
        double[] a = plain().arguments();
        int[][] pads = {{0, 0}, {0, 0}, {(int) a[0], (int) a[1]}, {(int) a[2], (int) a[3]}};
        SDVariable p = sd.constant(name() + "/paddings", Nd4j.createFromArray(pads));
        return sd.nn().pad(name() + "/out", x, p, PadMode.CONSTANT, 0.0);
    }

    /** The adjoint of zero padding crops: u[c, i + top, j + left] over the input's H×W. */
    @Override
    public SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        double[] a = plain().arguments();
        int[] s = inputShape();
        return upstream.get(SDIndex.all(), SDIndex.all(), SDIndex.interval((int) a[0], (int) a[0] + s[1]),
                SDIndex.interval((int) a[2], (int) a[2] + s[2]));
    }
}
