package dev.lipschitzw1.experiments.cli;

import dev.lipschitzw1.critic.estimate.ConvergenceRule;
import dev.lipschitzw1.critic.estimate.DerivedSampleSizes;
import dev.lipschitzw1.critic.estimate.EstimatorConfig;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The estimator settings every running command accepts ({@code estimate}, {@code compare}, {@code reproduce}): the
 * number of seeds, the root seed, overrides of the preset's critic size, OSSN iterations, schedule and sample sizes, and training until
 * converged.
 * Each command names its own {@code --preset} (its default differs); {@link #apply} puts the overrides on top of the
 * preset and fits the sample sizes to the sources. {@link EstimatorSettings} holds them as data (a sweep's).
 */
public final class EstimatorOptions {
    /**
     * The default step cap of {@code --until-converged}: 8 × the schedule's steps, the longest run measured against
     * the quick preset (docs/estimator.md: still rising there), so that the cap is rarely what ends a run.
     */
    static final int DEFAULT_CAP_SCHEDULES = 8;

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

    @Option(names = "--validation-size", paramLabel = "N", description = "Validation samples per distribution "
            + "(default: the preset's, scaled down when the smallest finite source has fewer than twice the preset's "
            + "validation + test images, so that half of it is left for training; at least 50).")
    Integer validationSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Held-out test samples per distribution "
            + "(default: the preset's, scaled down with --validation-size's rule).")
    Integer testSize;

    @Option(names = "--width", paramLabel = "N", description = "Channels of the critic's first stage; stage s has "
            + "N·2^s (default: the preset's, quick 16, paper 64; even for MaxMin critics).")
    Integer width;

    @Option(names = "--depth", paramLabel = "N", description = "Stages of the critic, each a pixel-unshuffle, a "
            + "convolution and an activation (default: the preset's, quick 3, paper 4; the padded image side must be "
            + "divisible by 2^N).")
    Integer depth;

    @Option(names = "--head-layers", paramLabel = "N", description = "Hidden dense layers between the critic's flatten "
            + "and its output row, each 1-Lipschitz (Björck-orthonormal; unconstrained for gp and lp) and followed by "
            + "the critic's activation: non-linearity over the whole image, which the convolutions only have within "
            + "their receptive fields (default: 0, the paper's critic; at most 4; needs --head-width).")
    Integer headLayers;

    @Option(names = "--head-width", paramLabel = "N", description = "Units of each hidden head layer (with "
            + "--head-layers; even for MaxMin critics; at most 4096).")
    Integer headWidth;

    @Option(names = "--ossn-iterations", paramLabel = "N", description = "Power-iteration steps per training step of "
            + "an OSSN critic's norm estimates (default: the preset's, quick 1, paper 10 as the authors' runs); the "
            + "other critics ignore it.")
    Integer ossnIterations;

    @Option(names = "--lr", description = "Initial learning rate (default: the preset's).")
    Double learningRate;

    @Option(names = "--lr-decay", paramLabel = "GAMMA", description = "Learning-rate factor per epoch, in (0, 1]: "
            + "epoch e trains at lr·GAMMA^e (default: the preset's).")
    Double lrDecay;

    @Option(names = "--no-floor", description = "Skip the same-distribution floor (P vs P).")
    boolean noFloor;

    @Option(names = "--until-converged", description = "Train each run (seed, floor) epoch after epoch until its "
            + "validation objective has converged: its best value rose by at most --tolerance (relative) over the "
            + "last --patience epochs; at most --max-steps steps. Without it the schedule is fixed and every report "
            + "says whether each seed had converged by that rule with the default patience and tolerance.")
    boolean untilConverged;

    @Option(names = "--patience", paramLabel = "EPOCHS", description = "With --until-converged: the epochs the gain is "
            + "measured over (default: " + ConvergenceRule.DEFAULT_PATIENCE + ").")
    Integer patience;

    @Option(names = "--tolerance", paramLabel = "X", description = "With --until-converged: the largest relative gain "
            + "that counts as converged (default: " + ConvergenceRule.DEFAULT_TOLERANCE + ", i.e. 1 %%).")
    Double tolerance;

    @Option(names = "--max-steps", paramLabel = "N", description = "With --until-converged: the most training steps "
            + "per run, in whole epochs (default: " + DEFAULT_CAP_SCHEDULES + " × --epochs × --steps-per-epoch).")
    Long maxSteps;

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

    /**
     * {@code c} (a preset) with every override given on the command line, the rest as they were, and the validation
     * and test sizes not given fitted to the sources, P and Q ({@link DerivedSampleSizes#fit}: scaled down for a small
     * finite source; the config's {@code derivedSizes} says so; no sources: taken as given).
     *
     * @throws InvalidConfigException if a derived size would be below {@link DerivedSampleSizes#MINIMUM}, or a
     *                                convergence option is given without {@code --until-converged}
     */
    EstimatorConfig apply(EstimatorConfig c, List<ImageDistribution> sources) {
        InvalidConfigException.require(lrDecay == null || (lrDecay > 0 && lrDecay <= 1), "--lr-decay", lrDecay,
                "in (0, 1]");
        c = c.withCritic(criticOverrides(c.critic()));
        if (learningRate != null) {
            c = c.withOptimiser(c.optimiser().withLearningRate(learningRate));
        }
        c = c.withSchedule(epochs != null ? epochs : c.epochs(), stepsPerEpoch != null ? stepsPerEpoch
                : c.itersPerEpoch(), lrDecay != null ? lrDecay : c.lrDecay());
        c = c.withSamples(batchSize != null ? batchSize : c.batchSize(), c.validationSize(), c.testSize());
        c = DerivedSampleSizes.fit(c, validationSize, testSize, sources);
        c = c.withSeeds(seeds != null ? seeds : c.seeds(), seed);
        c = c.withUntilConverged(convergenceRule(c));
        return c.withFlags(c.keepBest(), c.sameDistributionFloor() && !noFloor, c.baselineReport());
    }

    /**
     * {@code critic} with {@code --ossn-iterations}, {@code --width}, {@code --depth}, {@code --head-layers} and
     * {@code --head-width} where given.
     *
     * @throws InvalidConfigException naming the option if the critic cannot be built so
     */
    private CriticConfig criticOverrides(CriticConfig critic) {
        // The configs check their own bounds; this only renames their keys to the option the user typed.
        try {
            if (ossnIterations != null) {
                critic = critic.withOssn(new OssnConfig(ossnIterations, critic.ossn().mode()));
            }
            if (width != null || depth != null) {
                critic = critic.withSize(width != null ? width : critic.width(),
                        depth != null ? depth : critic.depth());
            }
            if (headLayers != null || headWidth != null) {
                critic = critic.withHead(headLayers != null ? headLayers : critic.headLayers(),
                        headWidth != null ? headWidth : critic.headWidth());
            }
            return critic;
        } catch (InvalidConfigException e) {
            String option = e.key().startsWith("ossn.") ? "--ossn-iterations"
                    : e.key().endsWith("headLayers") ? "--head-layers"
                    : e.key().endsWith("headWidth") ? "--head-width"
                    : e.key().endsWith("depth") ? "--depth" : "--width";
            throw new InvalidConfigException(option, e.found(), e.expected());
        }
    }

    /** {@code --until-converged}'s rule on top of {@code c}'s schedule, or null (a fixed schedule). */
    private ConvergenceRule convergenceRule(EstimatorConfig c) {
        if (!untilConverged) {
            String only = "only with --until-converged (a fixed schedule is judged with patience "
                    + ConvergenceRule.DEFAULT_PATIENCE + " and tolerance " + ConvergenceRule.DEFAULT_TOLERANCE + ")";
            InvalidConfigException.require(patience == null, "--patience", patience, only);
            InvalidConfigException.require(tolerance == null, "--tolerance", tolerance, only);
            InvalidConfigException.require(maxSteps == null, "--max-steps", maxSteps, only);
            return null;
        }
        return new ConvergenceRule(patience != null ? patience : ConvergenceRule.DEFAULT_PATIENCE,
                tolerance != null ? tolerance : ConvergenceRule.DEFAULT_TOLERANCE,
                maxSteps != null ? maxSteps : DEFAULT_CAP_SCHEDULES * (long) c.epochs() * c.itersPerEpoch());
    }
}
