package dev.lipschitzw1.critic.estimate;

/**
 * Receives progress of a long estimation (the runner shows a progress bar or plain lines). Called on the estimating
 * thread; implementations must be quick.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /** Training of {@code run} (e.g. "seed 2/5", "floor") advanced to {@code step} of {@code totalSteps}. */
    default void step(String run, long step, long totalSteps) {
    }

    /** An epoch ended. */
    default void epoch(String run, EpochRecord record) {
    }

    /** A free-form status line (data preparation, certification, checkpointing). */
    default void message(String text) {
    }
}
