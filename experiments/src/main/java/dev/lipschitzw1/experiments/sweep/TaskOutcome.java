package dev.lipschitzw1.experiments.sweep;

import dev.lipschitzw1.critic.estimate.W1Estimate;

/**
 * How one task ended: its one-seed estimate, or the error that stopped it (a missing or corrupt file, NaN, a refused
 * certificate, a killed worker) with the exit code {@code w1 estimate} gives that error.
 *
 * @param taskId   {@link SweepTask#id()}
 * @param estimate the estimate (one seed, no floor), or null on failure
 * @param error    the one-line error, or null on success
 * @param exitCode 0 on success, else the runner's exit code for the error
 */
public record TaskOutcome(String taskId, W1Estimate estimate, String error, int exitCode) {
    public static TaskOutcome success(String taskId, W1Estimate estimate) {
        return new TaskOutcome(taskId, estimate, null, 0);
    }

    public static TaskOutcome failure(String taskId, String error, int exitCode) {
        return new TaskOutcome(taskId, null, error, exitCode == 0 ? 1 : exitCode);
    }

    public boolean succeeded() {
        return estimate != null;
    }
}
