package dev.lipschitzw1.critic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NonFiniteValueException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactW1Test {

    @Test
    void exactW1_ofASetWithItself_isZero() {
        double[][] x = OtOracles.uniformPoints(64, 784, 1);
        ExactW1Result r = ExactW1.between(x, x);
        assertEquals(0.0, r.value(), 0.0, "W1(X, X)");
        assertEquals(ExactW1.ASSIGNMENT, r.method(), "equal sizes, uniform weights");
        double[] a = OtOracles.randomWeights(64, 2);
        assertEquals(0.0, ExactW1.between(x, a, x, a).value(), 0.0, "W1(μ, μ), weighted");
    }

    @Test
    void exactW1_isSymmetric() {
        double[][] x = OtOracles.uniformPoints(40, 30, 3);
        double[][] y = OtOracles.uniformPoints(40, 30, 4);
        double xy = ExactW1.between(x, y).value();
        assertEquals(xy, ExactW1.between(y, x).value(), 1e-12 * xy, "W1(X, Y) = W1(Y, X), assignment");
        double[][] z = OtOracles.uniformPoints(25, 30, 5);
        double xz = ExactW1.between(x, z).value();
        assertEquals(xz, ExactW1.between(z, x).value(), 1e-12 * xz, "W1(X, Z) = W1(Z, X), network simplex");
    }

    @Test
    void exactW1_translatedSet_equalsNormOfShift() {
        double[][] x = OtOracles.uniformPoints(50, 784, 6);
        SplittableRandom rng = new SplittableRandom(7);
        double[] v = new double[784];
        Arrays.setAll(v, k -> rng.nextGaussian() * 0.05);
        double norm = Math.sqrt(Arrays.stream(v).map(t -> t * t).sum());
        double[][] y = new double[50][];
        for (int i = 0; i < 50; i++) {
            double[] row = x[(i * 7) % 50].clone(); // a permuted copy, shifted
            for (int k = 0; k < 784; k++) {
                row[k] += v[k];
            }
            y[i] = row;
        }
        assertEquals(norm, ExactW1.between(x, y).value(), 1e-12 * norm, "W1(X, X + v) = ‖v‖");
    }

    @Test
    void exactW1_unequalSizes_equalWeightedNetworkSimplexAndDuplicatedSet() {
        double[][] x = OtOracles.uniformPoints(30, 784, 8);
        double[][] y = OtOracles.uniformPoints(45, 784, 9);
        ExactW1Result r = ExactW1.between(x, y);
        assertEquals(ExactW1.NETWORK_SIMPLEX, r.method(), "unequal sizes");
        assertEquals(30, r.n(), "n");
        assertEquals(45, r.m(), "m");
        double[] a = new double[30];
        double[] b = new double[45];
        Arrays.fill(a, 1.0 / 30);
        Arrays.fill(b, 1.0 / 45);
        assertEquals(ExactW1.between(x, a, y, b).value(), r.value(), 1e-12 * r.value(), "uniform weights 1/n, 1/m");
        // Uniform on X listed twice is the same measure as uniform on X.
        double[][] xx = new double[60][];
        for (int i = 0; i < 60; i++) {
            xx[i] = x[i % 30];
        }
        double[][] y30 = Arrays.copyOf(y, 30);
        double want = ExactW1.between(x, y30).value();
        assertEquals(want, ExactW1.between(xx, y30).value(), 1e-12 * want, "W1(X ∪ X, Y) = W1(X, Y)");
    }

    @Test
    void exactW1_imageSets_equalFlattenedRows() {
        ImageShape shape = new ImageShape(1, 4, 4);
        byte[] p = new byte[20 * 16];
        byte[] q = new byte[20 * 16];
        new SplittableRandom(10).nextBytes(p);
        new SplittableRandom(11).nextBytes(q);
        ExactW1Result r = ExactW1.between(new ByteImageSet("p", shape, p), new ByteImageSet("q", shape, q));
        double want = ExactW1.between(pixels(p, 20), pixels(q, 20)).value();
        assertEquals(want, r.value(), 1e-12 * want, "ImageSet vs flattened double rows");
        assertEquals(ExactW1.ASSIGNMENT, r.method(), "method");
    }

    @Test
    void exactW1_invalidInputs_throwTypedErrors() {
        double[][] x = OtOracles.uniformPoints(5, 4, 1);
        InvalidConfigException empty = assertThrows(InvalidConfigException.class,
                () -> ExactW1.between(x, new double[0][]));
        assertEquals("y.size", empty.key(), "empty second set");
        ShapeMismatchException dims = assertThrows(ShapeMismatchException.class,
                () -> ExactW1.between(x, OtOracles.uniformPoints(5, 3, 2)));
        assertArrayEquals(new int[] {5, 3}, dims.found(), "found shape of y");
        double[][] bad = OtOracles.uniformPoints(5, 4, 3);
        bad[4][0] = Double.POSITIVE_INFINITY;
        NonFiniteValueException inf = assertThrows(NonFiniteValueException.class, () -> ExactW1.between(bad, x));
        assertEquals("x", inf.where(), "set named");
        assertEquals(4, inf.row(), "row named");
        ShapeMismatchException images = assertThrows(ShapeMismatchException.class, () -> ExactW1.between(
                new ByteImageSet("p", new ImageShape(1, 4, 4), new byte[32]),
                new ByteImageSet("q", new ImageShape(1, 2, 8), new byte[32])));
        assertArrayEquals(new int[] {1, 2, 8}, images.found(), "image shape of q");
        ShapeMismatchException weights = assertThrows(ShapeMismatchException.class,
                () -> ExactW1.between(x, new double[4], x, new double[5]));
        assertEquals(5, weights.expected()[0], "one weight per point");
    }

    private static double[][] pixels(byte[] bytes, int n) {
        double[][] out = new double[n][16];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 16; k++) {
                out[i][k] = (float) (Byte.toUnsignedInt(bytes[i * 16 + k]) / 255f);
            }
        }
        return out;
    }
}
