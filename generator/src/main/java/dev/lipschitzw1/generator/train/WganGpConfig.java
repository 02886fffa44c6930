package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.DcganArchitecture;

/**
 * Everything that determines a WGAN-GP training run's numbers (on one backend and thread count): both architectures,
 * the optimiser, the penalty, the schedule of updates and the root seed. A step is one generator update preceded by
 * {@code criticIterations} discriminator updates, each on a fresh batch of {@code batchSize} real and generated
 * images; step s draws all its randomness from {@code SplittableRandom(StreamSeeds.of(seed, s))}.
 *
 * @param generator the generator architecture
 * @param discriminator the discriminator architecture (its input must be the generator's output shape)
 * @param adam the optimiser of both networks
 * @param penalty GP (two-sided) or LP (one-sided)
 * @param lambda λ, the penalty weight (authors: 50)
 * @param criticIterations n_critic, discriminator updates per generator update (authors: 5)
 * @param batchSize images per batch (authors: 64)
 * @param steps generator updates of the whole run
 * @param seed root seed of initialisation and every step
 */
public record WganGpConfig(DcganArchitecture generator, DiscriminatorArchitecture discriminator, AdamConfig adam,
                           PenaltyKind penalty, double lambda, int criticIterations, int batchSize, int steps,
                           long seed) {
    public WganGpConfig {
        InvalidConfigException.require(generator != null, "training.generator", null, "an architecture");
        InvalidConfigException.require(discriminator != null, "training.discriminator", null, "an architecture");
        InvalidConfigException.require(discriminator.input().equals(generator.output()), "training.discriminator.input",
                discriminator.input(), "the generator's output shape " + generator.output());
        InvalidConfigException.require(adam != null, "training.adam", null, "Adam settings");
        InvalidConfigException.require(penalty != null, "training.penalty", null, "GP or LP");
        InvalidConfigException.require(lambda >= 0 && lambda < Double.POSITIVE_INFINITY, "training.lambda", lambda,
                "finite and ≥ 0");
        InvalidConfigException.require(criticIterations >= 1, "training.criticIterations", criticIterations, "≥ 1");
        InvalidConfigException.require(batchSize >= 1, "training.batchSize", batchSize, "≥ 1");
        InvalidConfigException.require(steps >= 0, "training.steps", steps, "≥ 0");
    }

    /**
     * The BCOP authors' WGAN-GP settings (ANCHORS §1) for this generator: their discriminator, Adam 2e-4 with
     * β = (0.5, 0.999), GP with λ = 50, n_critic = 5, batch 64.
     */
    public static WganGpConfig authors(DcganArchitecture generator, int steps, long seed) {
        return new WganGpConfig(generator, DiscriminatorArchitecture.authors(generator.output()), AdamConfig.AUTHORS,
                PenaltyKind.GP, 50, 5, 64, steps, seed);
    }

    public WganGpConfig withSteps(int newSteps) {
        return new WganGpConfig(generator, discriminator, adam, penalty, lambda, criticIterations, batchSize, newSteps,
                seed);
    }
}
