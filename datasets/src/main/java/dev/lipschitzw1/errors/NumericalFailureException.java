package dev.lipschitzw1.errors;

/** NaN or infinity appeared during training or evaluation; the run stops rather than report a number. */
public final class NumericalFailureException extends W1Exception {
    private final String where;
    private final long step;

    public NumericalFailureException(String where, long step, double value, String advice) {
        super(where + " is " + value + " at step " + step + "; " + advice);
        this.where = where;
        this.step = step;
    }

    public String where() {
        return where;
    }

    public long step() {
        return step;
    }
}
