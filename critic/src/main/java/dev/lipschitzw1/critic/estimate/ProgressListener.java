package dev.lipschitzw1.critic.estimate;

/**
 * Receives progress of a long estimation (the runner shows a progress bar or plain lines). With several workers
 * ({@link Parallelism}) the methods are called from the worker threads, concurrently: implementations must be
 * thread-safe and quick.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * Training starts: {@code runs} runs (seeds and the floor) on {@code workers} workers, {@code totalSteps} steps
     * in all, of which {@code doneSteps} were done by an earlier, interrupted estimate.
     */
    default void started(int runs, int workers, long totalSteps, long doneSteps) {
    }

    /** Training of {@code run} (e.g. "seed 2/5", "floor") advanced to {@code step} of {@code totalSteps}. */
    default void step(String run, long step, long totalSteps) {
    }

    /** An epoch ended (and, with checkpoints, was saved). */
    default void epoch(String run, EpochRecord record) {
    }

    /** A free-form status line (data preparation, certification, checkpointing). */
    default void message(String text) {
    }
}
