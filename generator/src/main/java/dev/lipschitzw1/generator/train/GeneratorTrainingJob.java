package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generator training run as committed in {@code scripts/generators/*.json}: what it trains on, how, what it
 * writes, and which snapshots form the shipped ladder.
 *
 * @param name the dataset name the ladder ships under, e.g. {@code mnist}
 * @param data the source specification of the training images, e.g. {@code mnist-train:/tmp/mnist/package/data}
 *             (overridable on the command line)
 * @param training the GAN settings (generator, critic: WGAN-GP discriminator or BCOP critic, optimisers, steps)
 * @param schedule progress, grids and checkpoints
 * @param ladder level name → generator step, e.g. early → 100; every step must be a snapshot of the schedule
 */
public record GeneratorTrainingJob(String name, String data, WganGpConfig training, TrainingSchedule schedule,
                                   Map<String, Integer> ladder) {
    public GeneratorTrainingJob {
        InvalidConfigException.require(name != null && name.matches("[a-z][a-z-]*"), "job.name", name,
                "lower-case letters and dashes");
        InvalidConfigException.require(data != null && !data.isBlank(), "job.data", data, "a source specification");
        InvalidConfigException.require(training != null, "job.training", null, "GAN training settings");
        InvalidConfigException.require(schedule != null, "job.schedule", null, "a schedule");
        ladder = ladder == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ladder));
        for (Map.Entry<String, Integer> e : ladder.entrySet()) {
            InvalidConfigException.require(schedule.snapshots().contains(e.getValue()) && e.getValue()
                    <= training.steps(), "job.ladder." + e.getKey(), e.getValue(), "a snapshot step ≤ training.steps");
        }
    }

    public GeneratorTrainingJob withData(String newData) {
        return new GeneratorTrainingJob(name, newData, training, schedule, ladder);
    }

    /** This job with other training settings (the ladder is checked against them again). */
    public GeneratorTrainingJob withTraining(WganGpConfig newTraining) {
        return new GeneratorTrainingJob(name, data, newTraining, schedule, ladder);
    }
}
