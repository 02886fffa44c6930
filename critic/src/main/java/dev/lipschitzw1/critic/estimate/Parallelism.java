package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * How the estimator's independent training runs (one per seed, plus the same-distribution floor) share the CPU:
 * up to {@code workers} runs at once, each on a thread of its own whose ND4J operations use
 * {@code threadsPerWorker} threads (0: leave ND4J's thread settings as they are).
 *
 * <p>With the runs on W workers and T threads per operation, a seed's numbers depend on T (a libnd4j reduction
 * splits its sum by thread) but not on W or on which worker ran it: {@code (W, 1)} gives the same estimate as
 * {@code (1, 1)} value for value (tested). The critic's operations are small, so one thread per operation and one
 * worker per core is the fastest use of a multi-core CPU ({@link #allCores()}).
 *
 * @param workers runs trained at once, ≥ 1
 * @param threadsPerWorker ND4J intra-op threads of each worker, ≥ 0 (0: unchanged)
 */
public record Parallelism(int workers, int threadsPerWorker) {

    public Parallelism {
        InvalidConfigException.require(workers >= 1, "workers", workers, "an integer ≥ 1");
        InvalidConfigException.require(threadsPerWorker >= 0, "threadsPerWorker", threadsPerWorker,
                "an integer ≥ 0 (0: ND4J's own setting)");
    }

    /** One run after the other, on the calling thread's ND4J settings (the library's default). */
    public static Parallelism sequential() {
        return new Parallelism(1, 0);
    }

    /** One single-threaded worker per available core. */
    public static Parallelism allCores() {
        return of(Runtime.getRuntime().availableProcessors());
    }

    /** {@code workers} single-threaded workers, or {@link #sequential()} for one. */
    public static Parallelism of(int workers) {
        return workers == 1 ? sequential() : new Parallelism(workers, 1);
    }
}
