package dev.lipschitzw1.critic.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct element access to the off-heap memory of a contiguous c-ordered float or double array (an NIO view of its
 * data buffer: no copy), for the data-movement kernels of {@link Kernels}.
 */
final class Buffer {
    private final FloatBuffer f;
    private final DoubleBuffer d;

    private Buffer(INDArray a) {
        if (a.dataType() == DataType.FLOAT) {
            f = a.data().asNioFloat();
            d = null;
        } else if (a.dataType() == DataType.DOUBLE) {
            f = null;
            d = a.data().asNioDouble();
        } else {
            throw new IllegalArgumentException("kernels support FLOAT and DOUBLE arrays, not " + a.dataType());
        }
    }

    /** A view of {@code a}, which must be contiguous, c-ordered and start at its buffer's first element. */
    static Buffer of(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0) {
            throw new IllegalArgumentException("kernels need a contiguous c-ordered array; got a view "
                    + a.shapeInfoToString());
        }
        return new Buffer(a);
    }

    double get(int i) {
        return f != null ? f.get(i) : d.get(i);
    }

    void set(int i, double v) {
        if (f != null) {
            f.put(i, (float) v);
        } else {
            d.put(i, v);
        }
    }

    void add(int i, double v) {
        if (f != null) {
            f.put(i, f.get(i) + (float) v);
        } else {
            d.put(i, d.get(i) + v);
        }
    }
}
