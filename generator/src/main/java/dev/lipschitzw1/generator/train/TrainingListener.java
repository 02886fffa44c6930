package dev.lipschitzw1.generator.train;

import java.nio.file.Path;

/** Receives a WGAN-GP run's progress and the files it writes. Library code prints nothing itself. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** A progress report ({@link TrainingSchedule#progressEvery()}). */
    default void onProgress(TrainingProgress progress) {
    }

    /** A file was written atomically: a checkpoint, a sample grid or a generator snapshot. */
    default void onFileWritten(int step, Path file) {
    }
}
