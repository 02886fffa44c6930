package dev.lipschitzw1.critic.layers;

/**
 * A materialised layer: the weights a {@link LipschitzLayer} actually uses, copied to double precision, with what the
 * certifier needs (per-sample shapes, padding, kind). Immutable; arrays are copied in and out.
 *
 * <p>{@link #forward} evaluates the layer on one sample in double by direct summation: it is the reference the
 * engine's layers are tested against, and the function that certification speaks about.
 */
public sealed interface PlainLayer permits PlainConv, PlainStridedConv, PlainDense, PlainFixed, PlainResidual {

    /** The layer's name inside its critic. */
    String name();

    /** The construction, as {@link LipschitzLayer#kind()}. */
    String kind();

    /** Per-sample input shape {@code {C, H, W}} or {@code {D}}. */
    int[] inputShape();

    /** Per-sample output shape. */
    int[] outputShape();

    /**
     * Applies the layer to one sample in double precision.
     *
     * @param x the sample flattened in row-major order of {@link #inputShape()} (C, then H, then W)
     * @return the output flattened in row-major order of {@link #outputShape()}
     */
    double[] forward(double[] x);

    /** Number of values of a per-sample shape. */
    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
