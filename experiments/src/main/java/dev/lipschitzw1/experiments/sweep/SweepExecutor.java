package dev.lipschitzw1.experiments.sweep;

import java.util.List;
import java.util.Map;

/**
 * Where a sweep's tasks run: {@link LocalExecutor} (worker processes on this machine) or the Spark executor of the
 * {@code lipschitz-w1-spark} module. Both run each task with {@link TaskRunner}, so a task's numbers do not depend on
 * the executor.
 */
public interface SweepExecutor {
    /**
     * Runs every task of {@code tasks} that has not finished successfully under {@code out} (those are read back, not
     * rerun) and returns every task's outcome, in the order of {@code tasks}. A failing task does not stop the others.
     */
    List<TaskOutcome> run(SweepSpec spec, List<SweepTask> tasks, String out, SweepListener listener);

    /** The spec saved under {@code out} by an earlier run of this sweep, or null if none ({@code sweep.json}). */
    String savedSpec(String out);

    /** Writes each file (relative name → content) under {@code out}, each atomically. */
    void publish(String out, Map<String, byte[]> files);
}
