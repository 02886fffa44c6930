package dev.lipschitzw1.experiments.sweep;

/** Progress of a sweep, task by task (the command line draws a bar with an ETA from it). Called from one thread. */
public interface SweepListener {
    SweepListener NONE = new SweepListener() { };

    /** {@code total} tasks, of which {@code done} had finished successfully before (a resumed sweep). */
    default void started(int total, int done) {
    }

    /** A task ended (successfully or not); {@code done} tasks of {@code total} have now ended. */
    default void finished(TaskOutcome outcome, int done, int total) {
    }
}
