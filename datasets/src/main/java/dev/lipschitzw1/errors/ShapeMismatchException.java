package dev.lipschitzw1.errors;

import java.util.Arrays;

/** Two things that must agree in shape do not: names where, the shape expected and the shape found. */
public final class ShapeMismatchException extends W1Exception {
    private final String where;
    private final int[] expected;
    private final int[] found;

    public ShapeMismatchException(String where, int[] expected, int[] found) {
        super(where + ": shape " + Arrays.toString(found) + ", expected " + Arrays.toString(expected));
        this.where = where;
        this.expected = expected.clone();
        this.found = found.clone();
    }

    public String where() {
        return where;
    }

    public int[] expected() {
        return expected.clone();
    }

    public int[] found() {
        return found.clone();
    }
}
