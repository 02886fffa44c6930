package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;

/**
 * When a run reports and writes: none of this changes the trained numbers. Every count is in generator steps; 0 turns
 * an output off.
 *
 * @param progressEvery a progress event every this many steps
 * @param gridEvery an 8×8 sample grid PNG (fixed latents) every this many steps
 * @param checkpointEvery an atomic checkpoint every this many steps (and always at the end)
 * @param snapshots steps after which the generator alone is written as a generator file (e.g. a ladder)
 */
public record TrainingSchedule(int progressEvery, int gridEvery, int checkpointEvery, List<Integer> snapshots) {
    public TrainingSchedule {
        InvalidConfigException.require(progressEvery >= 0, "schedule.progressEvery", progressEvery, "≥ 0");
        InvalidConfigException.require(gridEvery >= 0, "schedule.gridEvery", gridEvery, "≥ 0");
        InvalidConfigException.require(checkpointEvery >= 0, "schedule.checkpointEvery", checkpointEvery, "≥ 0");
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        for (int s : snapshots) {
            InvalidConfigException.require(s >= 1, "schedule.snapshots", snapshots, "steps ≥ 1");
        }
    }

    static boolean due(int every, int step) {
        return every > 0 && step % every == 0;
    }
}
