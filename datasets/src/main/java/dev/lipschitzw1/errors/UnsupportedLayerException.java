package dev.lipschitzw1.errors;

/**
 * A layer was asked for an operation it does not provide (e.g. the explicit input vector–Jacobian product that the
 * gradient penalty needs, which only the gradient-penalty critic's layers implement): names the layer, its kind and the
 * operation, and says what to use instead.
 */
public final class UnsupportedLayerException extends W1Exception {
    private final String layer;
    private final String kind;
    private final String operation;

    public UnsupportedLayerException(String layer, String kind, String operation, String advice) {
        super("layer " + layer + " (" + kind + ") does not support " + operation + "; " + advice);
        this.layer = layer;
        this.kind = kind;
        this.operation = operation;
    }

    /** The layer's name inside its critic. */
    public String layer() {
        return layer;
    }

    /** The layer's construction ({@code MaxMin}, {@code BCOP}, …). */
    public String kind() {
        return kind;
    }

    /** The operation that was asked for. */
    public String operation() {
        return operation;
    }
}
