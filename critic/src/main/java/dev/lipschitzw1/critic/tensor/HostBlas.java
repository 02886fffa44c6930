package dev.lipschitzw1.critic.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products of contiguous host arrays through the BLAS that ND4J's CPU backend itself links
 * (OpenBLAS, {@code openblas_nolapack}), called directly on the arrays' memory:
 * <pre>
 *   C = α·op(A)·op(B) + β·C        (cblas_sgemm / cblas_dgemm, row-major, once per matrix of a stack [b, ·, ·])
 * </pre>
 * Why not ND4J's {@code matmul} op: in 1.0.0-M2.1 one call costs 20–110 µs before any arithmetic (argument checks,
 * shape calculation, a copy for each transposed operand, and for a stack [b, ·, ·] a generic batched loop), measured
 * against 0.4 µs for the same 16×16 product through {@code cblas_sgemm} and 35 against 52 µs at 128×128 on one
 * thread (docs/decisions.md, decision 33). A BCOP critic's weights need a few hundred such products per step (Björck
 * iterations, kernel taps), so the call overhead, not the arithmetic, decided the step time. The arithmetic is the
 * same library's; only the per-call bookkeeping is skipped. Arrays that are not contiguous c-ordered float or double
 * host arrays, and other backends (CUDA), take ND4J's op ({@link Ops#matmul}).
 */
public final class HostBlas {

    /** Whether the CPU backend (and so its OpenBLAS) is the one loaded. */
    private static final boolean HOST = Nd4j.getEnvironment().isCPU();

    private HostBlas() {
    }

    /** Whether OpenBLAS is loaded, so that {@link #dgemm} may be called (the CPU backend). */
    public static boolean available() {
        return HOST;
    }

    /**
     * c = α·a·b + β·c for row-major double arrays a [m, k], b [k, n], c [m, n] on the host (Java arrays, no ND4J):
     * the double-precision algebra done outside ND4J, such as the Cayley construction's complex products.
     */
    public static void dgemm(int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, alpha, a, k, b, n, beta, c, n);
    }

    /** Whether {@link #gemm} can compute out = α·op(a)·op(b) + β·out for these arrays. */
    static boolean accepts(INDArray a, INDArray b, INDArray out) {
        DataType dt = out.dataType();
        if (!HOST || (dt != DataType.FLOAT && dt != DataType.DOUBLE) || a.dataType() != dt || b.dataType() != dt) {
            return false;
        }
        int r = out.rank();
        if (r != 2 && r != 3 || a.rank() != r || b.rank() != r) {
            return false;
        }
        return (r == 2 || a.size(0) == out.size(0) && b.size(0) == out.size(0))
                && dense(a) && dense(b) && dense(out);
    }

    /**
     * Whether {@code a} occupies one contiguous c-ordered block of its buffer (a view may), so that it can be
     * reshaped or handed to BLAS without a copy.
     */
    public static boolean dense(INDArray a) {
        if (a.ordering() != 'c' || a.isEmpty()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * out = α·op(a)·op(b) + β·out for matrices [m, k]·[k, n] or stacks [b, m, k]·[b, k, n] (op: transpose of the last
     * two axes when asked), on arrays that {@link #accepts} admits.
     */
    static void gemm(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB, double alpha,
                     double beta) {
        int r = out.rank();
        int batch = r == 3 ? (int) out.size(0) : 1;
        int m = (int) out.size(r - 2);
        int n = (int) out.size(r - 1);
        int k = (int) (transposeA ? a.size(r - 2) : a.size(r - 1));
        int lda = (int) a.size(r - 1);
        int ldb = (int) b.size(r - 1);
        long strideA = (long) a.size(r - 2) * lda;
        long strideB = (long) b.size(r - 2) * ldb;
        long strideC = (long) m * n;
        int ta = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int order = openblas_nolapack.CblasRowMajor;
        if (out.dataType() == DataType.FLOAT) {
            FloatPointer pa = new FloatPointer(a.data().addressPointer());
            FloatPointer pb = new FloatPointer(b.data().addressPointer());
            FloatPointer pc = new FloatPointer(out.data().addressPointer());
            for (int i = 0; i < batch; i++) {
                openblas_nolapack.cblas_sgemm(order, ta, tb, m, n, k, (float) alpha, pa.position(i * strideA), lda,
                        pb.position(i * strideB), ldb, (float) beta, pc.position(i * strideC), n);
            }
        } else {
            DoublePointer pa = new DoublePointer(a.data().addressPointer());
            DoublePointer pb = new DoublePointer(b.data().addressPointer());
            DoublePointer pc = new DoublePointer(out.data().addressPointer());
            for (int i = 0; i < batch; i++) {
                openblas_nolapack.cblas_dgemm(order, ta, tb, m, n, k, alpha, pa.position(i * strideA), lda,
                        pb.position(i * strideB), ldb, beta, pc.position(i * strideC), n);
            }
        }
    }
}
