package dev.lipschitzw1.experiments.bench;

/**
 * One benchmark case: {@link Setup#prepare()} builds what the timed operation needs (graphs, data) and returns the
 * operation; the harness runs it for warm-up and timed repetitions.
 *
 * @param name        the name used by {@code w1 bench --case}
 * @param description what one repetition does
 * @param reference   the matching run of anchor-bench/bench_critic.py (for the side-by-side table)
 * @param setup       builds the operation
 */
public record BenchCase(String name, String description, String reference, Setup setup) {

    /** Builds the timed operation; everything done here is not timed. */
    @FunctionalInterface
    public interface Setup {
        Runnable prepare() throws Exception;
    }
}
