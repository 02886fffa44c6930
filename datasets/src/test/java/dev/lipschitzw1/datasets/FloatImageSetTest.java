package dev.lipschitzw1.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** {@link FloatImageSet#fromArray} and {@link FloatImageSet#fromIterator}: exact copies (float32 values compared
 * bit for bit), their shapes, and the errors that name the offending pixel or batch. */
class FloatImageSetTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 4);

    @Test
    void anNchwArrayIsCopiedImageByImage() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 3, 4);
        FloatImageSet set = FloatImageSet.fromArray("x", x);
        assertEquals(5, set.size());
        assertEquals(SHAPE, set.shape());
        assertArrayEquals(x.castTo(DataType.FLOAT).data().asFloat(), set.range(0, 5).data().asFloat());
    }

    @Test
    void flattenedAndNchwBatchesOfAnIteratorGiveTheSameImages() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 2, 3, 4);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 10, 1);
        FloatImageSet nchw = FloatImageSet.fromIterator("nchw", new TestDataSetIterator(new DataSet(x, labels), 4),
                SHAPE);
        FloatImageSet flat = FloatImageSet.fromIterator("flat", new TestDataSetIterator(
                new DataSet(x.reshape('c', 10, 24), labels), 3), SHAPE);
        assertEquals(10, nchw.size());
        assertEquals(10, flat.size());
        assertArrayEquals(x.data().asFloat(), nchw.range(0, 10).data().asFloat());
        assertArrayEquals(x.data().asFloat(), flat.range(0, 10).data().asFloat());
    }

    @Test
    void aPixelOutsideTheUnitIntervalIsNamedByItsPosition() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 2, 3, 4);
        x.putScalar(new long[] {1, 1, 2, 3}, 255f);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FloatImageSet.fromArray("x", x));
        assertTrue(e.getMessage().contains("[1, 1, 2, 3]"), e.getMessage());
    }

    @Test
    void wrongShapesAreRefused() {
        assertThrows(ShapeMismatchException.class, () -> FloatImageSet.fromArray("x", Nd4j.zeros(3, 24)));
        INDArray x = Nd4j.zeros(DataType.FLOAT, 4, 25);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> FloatImageSet.fromIterator("it",
                new TestDataSetIterator(new DataSet(x, Nd4j.zeros(4, 1)), 2), SHAPE));
        assertTrue(e.getMessage().contains("batch 0"), e.getMessage());
    }
}
