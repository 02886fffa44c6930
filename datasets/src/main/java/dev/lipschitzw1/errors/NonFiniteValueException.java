package dev.lipschitzw1.errors;

/**
 * A NaN or infinite number where only finite numbers make sense (a point coordinate, a weight, a cost). The message
 * names the array, the row and the column, e.g. {@code x: row 17, column 3: NaN, expected a finite value; drop or
 * repair that row}. A column of -1 means the value is a single entry of a vector (then row is its index).
 */
public final class NonFiniteValueException extends W1Exception {
    private final String where;
    private final int row;
    private final int column;
    private final double value;

    public NonFiniteValueException(String where, int row, int column, double value, String advice) {
        super(where + ": row " + row + (column >= 0 ? ", column " + column : "") + ": " + value
                + ", expected a finite value; " + advice);
        this.where = where;
        this.row = row;
        this.column = column;
        this.value = value;
    }

    /** The array that holds the value, e.g. {@code x}, {@code b} or {@code cost matrix}. */
    public String where() {
        return where;
    }

    public int row() {
        return row;
    }

    /** The column, or -1 for an entry of a vector. */
    public int column() {
        return column;
    }

    public double value() {
        return value;
    }
}
