package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;

/**
 * A materialised parameter-free layer. Its Lipschitz constant is known in closed form ({@link #lipschitzBound()}):
 * <pre>
 *   ZERO_PAD          {top, bottom, left, right}   isometry                      L = 1 (exact)
 *   PIXEL_UNSHUFFLE   {r}                          permutation                   L = 1 (exact)
 *   FLATTEN           {}                           identity on values            L = 1 (exact)
 *   MAX_MIN           {}                           sorts channel pairs (c, c + C/2)  L = 1, gradient-norm preserving
 *   GROUP_SORT        {g}                          sorts groups {c + j·C/g}      L = 1, gradient-norm preserving
 *   LEAKY_RELU        {α}                          max(x, αx), α ∈ [0, 1]        L = 1 (α = 0: ReLU)
 *   NEAREST_UPSAMPLE  {f}                          each pixel → f×f block        L = f (exact: ‖Ux‖ = f‖x‖)
 * </pre>
 *
 * @param name       the layer's name
 * @param op         the operation
 * @param inputShape per-sample input shape ({@code {C, H, W}}, or {@code {D}} for the activations on vectors)
 * @param arguments  the operation's arguments, as listed above
 */
public record PlainFixed(String name, Op op, int[] inputShape, double[] arguments) implements PlainLayer {

    /** The parameter-free operations. */
    public enum Op {
        ZERO_PAD("ZeroPad", 4), PIXEL_UNSHUFFLE("PixelUnshuffle", 1), FLATTEN("Flatten", 0), MAX_MIN("MaxMin", 0),
        GROUP_SORT("GroupSort", 1), LEAKY_RELU("LeakyReLU", 1), NEAREST_UPSAMPLE("NearestUpsample", 1);

        private final String kind;
        private final int arity;

        Op(String kind, int arity) {
            this.kind = kind;
            this.arity = arity;
        }
    }

    /** @throws InvalidConfigException if the number of arguments does not match the operation */
    public PlainFixed {
        inputShape = inputShape.clone();
        arguments = arguments.clone();
        InvalidConfigException.require(arguments.length == op.arity, name + ".arguments", Arrays.toString(arguments),
                op.arity + " argument(s) for " + op);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public double[] arguments() {
        return arguments.clone();
    }

    @Override
    public String kind() {
        return op == Op.LEAKY_RELU && arguments[0] == 0 ? "ReLU" : op.kind;
    }

    /** The exact Lipschitz constant of the operation (see the table above). */
    public double lipschitzBound() {
        return switch (op) {
            case LEAKY_RELU -> Math.max(1.0, Math.abs(arguments[0]));
            case NEAREST_UPSAMPLE -> arguments[0];
            default -> 1.0;
        };
    }

    /** How {@link #lipschitzBound()} is known, for certificates. */
    public String howCertified() {
        return switch (op) {
            case ZERO_PAD -> "isometry (zero padding)";
            case PIXEL_UNSHUFFLE -> "permutation of coordinates";
            case FLATTEN -> "reshape";
            case MAX_MIN, GROUP_SORT -> "sorting within groups: 1-Lipschitz, gradient-norm preserving";
            case LEAKY_RELU -> "pointwise, slopes in [min(1, α), max(1, α)]";
            case NEAREST_UPSAMPLE -> "nearest upsampling by f scales every norm by exactly f";
        };
    }

    @Override
    public int[] outputShape() {
        int[] s = inputShape;
        return switch (op) {
            case ZERO_PAD -> new int[] {s[0], s[1] + arg(0) + arg(1), s[2] + arg(2) + arg(3)};
            case PIXEL_UNSHUFFLE -> new int[] {s[0] * arg(0) * arg(0), s[1] / arg(0), s[2] / arg(0)};
            case NEAREST_UPSAMPLE -> new int[] {s[0], s[1] * arg(0), s[2] * arg(0)};
            case FLATTEN -> new int[] {PlainLayer.size(s)};
            default -> s.clone();
        };
    }

    @Override
    public double[] forward(double[] x) {
        if (x.length != PlainLayer.size(inputShape)) {
            throw new ShapeMismatchException(name + ": input values", new int[] {PlainLayer.size(inputShape)},
                    new int[] {x.length});
        }
        int[] out = outputShape();
        double[] y = new double[PlainLayer.size(out)];
        int c = inputShape[0];
        int plane = x.length / c;
        switch (op) {
            case FLATTEN -> System.arraycopy(x, 0, y, 0, x.length);
            case LEAKY_RELU -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] >= 0 ? x[i] : arguments[0] * x[i];
                }
            }
            case MAX_MIN -> {
                int half = c / 2 * plane;
                for (int i = 0; i < half; i++) {
                    y[i] = Math.max(x[i], x[i + half]);
                    y[i + half] = Math.min(x[i], x[i + half]);
                }
            }
            case GROUP_SORT -> {
                int g = arg(0);
                int stride = c / g * plane;
                double[] group = new double[g];
                for (int i = 0; i < stride; i++) {
                    for (int j = 0; j < g; j++) {
                        group[j] = x[i + j * stride];
                    }
                    Arrays.sort(group);
                    for (int j = 0; j < g; j++) {
                        y[i + j * stride] = group[j];
                    }
                }
            }
            case ZERO_PAD -> {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < inputShape[1]; i++) {
                        System.arraycopy(x, (ch * inputShape[1] + i) * inputShape[2], y,
                                (ch * out[1] + i + arg(0)) * out[2] + arg(2), inputShape[2]);
                    }
                }
            }
            case PIXEL_UNSHUFFLE -> {
                int r = arg(0);
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < inputShape[1]; i++) {
                        for (int j = 0; j < inputShape[2]; j++) {
                            int oc = ch * r * r + (i % r) * r + (j % r);
                            y[(oc * out[1] + i / r) * out[2] + j / r] = x[(ch * inputShape[1] + i) * inputShape[2] + j];
                        }
                    }
                }
            }
            case NEAREST_UPSAMPLE -> {
                int f = arg(0);
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < out[1]; i++) {
                        for (int j = 0; j < out[2]; j++) {
                            y[(ch * out[1] + i) * out[2] + j] = x[(ch * inputShape[1] + i / f) * inputShape[2] + j / f];
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(op.toString());
        }
        return y;
    }

    private int arg(int i) {
        return (int) arguments[i];
    }
}
