package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import picocli.CommandLine.Option;

/**
 * The estimator settings every running command accepts ({@code estimate}, {@code compare}, {@code reproduce}): the
 * number of seeds, the root seed and overrides of the preset's schedule and sample sizes. Each command names its own
 * {@code --preset} (its default differs); {@link #apply} puts the overrides on top of the preset.
 */
public final class EstimatorOptions {
    @Option(names = "--seeds", paramLabel = "N", description = "Number of seeds (default: the preset's).")
    Integer seeds;

    @Option(names = "--seed", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", description = "Epochs (default: the preset's).")
    Integer epochs;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Training steps per epoch.")
    Integer stepsPerEpoch;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size per distribution.")
    Integer batchSize;

    @Option(names = "--validation-size", paramLabel = "N", description = "Validation samples per distribution.")
    Integer validationSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Held-out test samples per distribution.")
    Integer testSize;

    @Option(names = "--lr", description = "Initial learning rate (default: the preset's).")
    Double learningRate;

    @Option(names = "--no-floor", description = "Skip the same-distribution floor (P vs P).")
    boolean noFloor;

    /**
     * The named preset for inputs of {@code shape}.
     *
     * @throws InvalidConfigException unless the name is quick or paper
     */
    static EstimatorConfig preset(String name, ImageShape shape) {
        return switch (name) {
            case "quick" -> EstimatorConfig.quick(shape);
            case "paper" -> EstimatorConfig.paper(shape);
            default -> throw new InvalidConfigException("--preset", name, "quick or paper");
        };
    }

    /** {@code c} with every override given on the command line (the rest as they were). */
    EstimatorConfig apply(EstimatorConfig c) {
        if (learningRate != null) {
            c = c.withOptimiser(c.optimiser().withLearningRate(learningRate));
        }
        c = c.withSchedule(epochs != null ? epochs : c.epochs(), stepsPerEpoch != null ? stepsPerEpoch
                : c.itersPerEpoch(), c.lrDecay());
        c = c.withSamples(batchSize != null ? batchSize : c.batchSize(), validationSize != null ? validationSize
                : c.validationSize(), testSize != null ? testSize : c.testSize());
        c = c.withSeeds(seeds != null ? seeds : c.seeds(), seed);
        return c.withFlags(c.keepBest(), c.sameDistributionFloor() && !noFloor, c.baselineReport());
    }

    /** Whether validation or test sizes were given explicitly (so a command must not rescale them). */
    boolean sampleSizesGiven() {
        return validationSize != null || testSize != null;
    }
}
