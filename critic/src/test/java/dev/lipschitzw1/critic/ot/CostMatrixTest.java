package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.datasets.FloatImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NonFiniteValueException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CostMatrixTest {

    @Test
    void costMatrix_equalsDirectDistances_uniform784() {
        double[][] x = OtOracles.uniformPoints(23, 784, 1);
        double[][] y = OtOracles.uniformPoints(17, 784, 2);
        CostMatrix cost = CostMatrix.euclidean(x, y);
        assertEquals(23, cost.rows(), "rows");
        assertEquals(17, cost.cols(), "cols");
        for (int i = 0; i < 23; i++) {
            for (int j = 0; j < 17; j++) {
                double want = direct(x[i], y[j]);
                assertEquals(want, cost.get(i, j), 1e-13 * want, "C(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void costMatrix_identicalPoints_haveExactlyZeroCost() {
        double[][] x = OtOracles.uniformPoints(40, 784, 3);
        CostMatrix cost = CostMatrix.euclidean(x, x);
        for (int i = 0; i < 40; i++) {
            assertEquals(0.0, cost.get(i, i), 0.0, "C(i, i) for identical points " + i);
        }
    }

    @Test
    void costMatrix_farFromOrigin_keepsRelativeAccuracy() {
        // Points near (1000, …, 1000) at distances ~1e-3: the plain expansion would lose every digit.
        double[][] x = OtOracles.uniformPoints(10, 50, 4);
        double[][] y = OtOracles.uniformPoints(12, 50, 5);
        for (double[][] set : new double[][][] {x, y}) {
            for (double[] row : set) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = 1000 + 1e-3 * row[k];
                }
            }
        }
        CostMatrix cost = CostMatrix.euclidean(x, y);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 12; j++) {
                double want = direct(x[i], y[j]);
                assertEquals(want, cost.get(i, j), 1e-10 * want, "C(" + i + ", " + j + ") at offset 1000");
            }
        }
    }

    @Test
    void costMatrix_ndArrayAndImageSetInputs_equalRowInput() {
        double[][] x = OtOracles.uniformPoints(6, 12, 6);
        double[][] y = OtOracles.uniformPoints(4, 12, 7);
        for (double[][] set : new double[][][] {x, y}) { // float-representable, so the image set holds them exactly
            for (double[] row : set) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) row[k];
                }
            }
        }
        CostMatrix fromRows = CostMatrix.euclidean(x, y);
        CostMatrix fromNd4j = CostMatrix.euclidean(Nd4j.createFromArray(x).castTo(DataType.FLOAT).reshape(6, 3, 2, 2),
                Nd4j.createFromArray(y));
        CostMatrix fromImages = CostMatrix.euclidean(images("p", x), images("q", y));
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(fromRows.get(i, j), fromNd4j.get(i, j), 1e-15, "ND4J [n, C, H, W] input");
                assertEquals(fromRows.get(i, j), fromImages.get(i, j), 1e-15, "ImageSet input");
            }
        }
    }

    @Test
    void costMatrix_nanCoordinate_namesSetRowAndColumn() {
        double[][] y = OtOracles.uniformPoints(5, 3, 8);
        y[3][2] = Double.NaN;
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
                () -> CostMatrix.euclidean(OtOracles.uniformPoints(4, 3, 9), y));
        assertEquals("y", e.where(), "set");
        assertEquals(3, e.row(), "row");
        assertEquals(2, e.column(), "column");
    }

    @Test
    void costMatrix_overflowingSquares_throwNamingTheEntry() {
        double[][] x = {{0, 0}, {1e200, -1e200}};
        double[][] y = {{1, 1}};
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class, () -> CostMatrix.euclidean(x, y));
        assertEquals("cost matrix", e.where(), "where");
        assertEquals(0, e.row(), "first row whose cost overflows (the centred norms all overflow)");
    }

    @Test
    void costMatrix_invalidShapes_throwTypedErrors() {
        ShapeMismatchException dims = assertThrows(ShapeMismatchException.class,
                () -> CostMatrix.euclidean(OtOracles.uniformPoints(4, 3, 1), OtOracles.uniformPoints(4, 5, 2)));
        assertArrayEquals(new int[] {4, 3}, dims.expected(), "expected y in R^3");
        assertArrayEquals(new int[] {4, 5}, dims.found(), "found y in R^5");
        double[][] ragged = {{1, 2}, {3}};
        assertThrows(ShapeMismatchException.class, () -> CostMatrix.euclidean(ragged, ragged), "ragged rows");
        InvalidConfigException empty = assertThrows(InvalidConfigException.class,
                () -> CostMatrix.euclidean(new double[0][], OtOracles.uniformPoints(2, 2, 1)));
        assertEquals("x.size", empty.key(), "empty set named");
        assertThrows(ShapeMismatchException.class, () -> CostMatrix.euclidean(Nd4j.createFromArray(1.0, 2.0),
                Nd4j.createFromArray(1.0, 2.0)), "rank-1 array");
    }

    static double direct(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += (x[k] - y[k]) * (x[k] - y[k]);
        }
        return Math.sqrt(s);
    }

    private static ImageSet images(String name, double[][] rows) {
        float[] pixels = new float[rows.length * 12];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < 12; k++) {
                pixels[i * 12 + k] = (float) rows[i][k];
            }
        }
        return new FloatImageSet(name, new ImageShape(3, 2, 2), pixels);
    }
}
