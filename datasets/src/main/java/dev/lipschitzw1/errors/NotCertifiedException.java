package dev.lipschitzw1.errors;

/**
 * A critic whose certified Lipschitz bound exceeds the limit (1 + 1e-4) was asked for a W1 estimate. Its raw
 * estimate would not be a valid lower bound; a baseline report (raw, L, raw / L) can be asked for instead.
 */
public final class NotCertifiedException extends W1Exception {
    private final double bound;
    private final double limit;
    private final String worstLayer;

    public NotCertifiedException(double bound, double limit, String worstLayer, String advice) {
        super(String.format("critic not certified: bound %.6g > %.6g (%s); %s", bound, limit, worstLayer, advice));
        this.bound = bound;
        this.limit = limit;
        this.worstLayer = worstLayer;
    }

    public double bound() {
        return bound;
    }

    public double limit() {
        return limit;
    }

    public String worstLayer() {
        return worstLayer;
    }
}
