package dev.lipschitzw1.critic.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** {@link IntraOpThreads} against what the backend reports back: libnd4j's, OpenBLAS's and OpenMP's own counts. */
class IntraOpThreadsTest {

    private static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    @Test
    void limit_setsAllThreeCounts_andCloseRestoresThem() {
        int master = IntraOpThreads.current();
        int blas = Nd4j.factory().blas().getMaxThreads();
        int omp = ompThreads();
        try (IntraOpThreads.Limit ignored = IntraOpThreads.limit(1)) {
            assertEquals(1, IntraOpThreads.current(), "libnd4j maxMasterThreads under the limit");
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads under the limit");
            assertEquals(1, ompThreads(), "OpenMP threads of this thread under the limit");
        }
        assertEquals(master, IntraOpThreads.current(), "libnd4j maxMasterThreads restored");
        assertEquals(blas, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads restored");
        assertEquals(omp, ompThreads(), "OpenMP threads of this thread restored");
    }

    @Test
    void limit_belowOne_throws() {
        assertThrows(IllegalArgumentException.class, () -> IntraOpThreads.limit(0));
    }
}
