package dev.lipschitzw1.critic.tensor;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The number of threads one ND4J operation may use (intra-op parallelism), set in the three places libnd4j reads it:
 * <pre>
 *   libnd4j's parallel loops       Environment.maxMasterThreads                 (process-wide)
 *   OpenBLAS                       openblas_set_num_threads                     (process-wide)
 *   OpenMP (oneDNN convolutions)   omp_set_num_threads                          (per calling thread)
 * </pre>
 * Why: the critic's operations are small (a 64×64 Björck product, a 16-channel convolution), and on such arrays a
 * second thread costs more than it saves (the quick critic step measured 112 ms on one thread against 146 ms on two,
 * docs/benchmarks.md). Independent training runs on separate Java threads, each running its operations on one thread,
 * use the cores instead. OpenMP's setting belongs to the thread that calls it, so every worker thread calls
 * {@link #pinCurrentThread} before its first operation; the process-wide settings are changed by {@link #limit} and
 * restored by closing what it returns.
 * <p>
 * Backend-neutral: the OpenMP calls go through {@code NativeOpsHolder} of {@code nd4j-native-api}, the Java interfaces
 * (no native code) that every ND4J 1.0.0-M2.1 backend implements, CPU ({@code nd4j-native}, any build) and CUDA alike;
 * the backend itself is the application's choice.
 */
public final class IntraOpThreads {

    private IntraOpThreads() {
    }

    /** What {@link #limit} changed, restored on close. */
    public interface Limit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * ND4J's current process-wide intra-op thread count: the threads libnd4j's parallel loops use. (Its
     * {@code maxThreads}, the size of its pool, cannot be lowered after start-up in 1.0.0-M2.1; the loops take
     * {@code maxMasterThreads}.)
     */
    public static int current() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /**
     * Limits every ND4J operation of this process to {@code threads} threads until the returned handle is closed
     * (this thread's OpenMP setting included).
     */
    public static Limit limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        int ompThreads = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        pinCurrentThread(threads);
        return () -> {
            Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            pinCurrentThread(ompThreads);
        };
    }

    /** Sets OpenMP's thread count for operations called from the current thread. */
    public static void pinCurrentThread(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, threads));
    }
}
