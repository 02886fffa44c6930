package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.generator.DcganArchitecture;

/**
 * Everything that determines a Wasserstein GAN training run's numbers (on one backend and thread count): the generator,
 * the critic it is trained against ({@link CriticKind}: the WGAN-GP discriminator with its penalty, or a certified BCOP
 * critic), the optimisers, the schedule of updates and the root seed. A step is one generator update preceded by
 * {@code criticIterations} critic updates, each on a fresh batch of {@code batchSize} real and generated images; step
 * s draws all its randomness from {@code SplittableRandom(StreamSeeds.of(seed, s))}.
 *
 * <p>The WGAN-GP settings ({@code discriminator}, {@code penalty}, {@code lambda}) are required with
 * {@code critic = WGAN_GP} and must be absent (null, λ = 0) with {@code BCOP}, whose settings are {@code bcop}; a
 * config without {@code critic} (the job files written before it existed) is WGAN_GP.
 *
 * @param generator the generator architecture
 * @param discriminator WGAN_GP: the discriminator architecture (its input must be the generator's output shape)
 * @param adam the generator's optimiser, and the discriminator's with WGAN_GP
 * @param penalty WGAN_GP: GP (two-sided) or LP (one-sided)
 * @param lambda WGAN_GP: λ, the penalty weight (authors: 50)
 * @param criticIterations n_critic, critic updates per generator update (authors: 5)
 * @param batchSize images per batch (authors: 64)
 * @param steps generator updates of the whole run
 * @param seed root seed of the generator's (and the discriminator's) initialisation and of every step
 * @param critic which critic: WGAN_GP (default) or BCOP
 * @param bcop BCOP: the critic's network and optimiser
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WganGpConfig(DcganArchitecture generator, DiscriminatorArchitecture discriminator, AdamConfig adam,
                           PenaltyKind penalty, double lambda, int criticIterations, int batchSize, int steps,
                           long seed, CriticKind critic, BcopCriticSettings bcop) {
    /** @throws InvalidConfigException naming the first field out of range or not fitting the critic kind */
    public WganGpConfig {
        critic = critic == null ? CriticKind.WGAN_GP : critic;
        InvalidConfigException.require(generator != null, "training.generator", null, "an architecture");
        InvalidConfigException.require(adam != null, "training.adam", null, "Adam settings");
        if (critic == CriticKind.WGAN_GP) {
            InvalidConfigException.require(discriminator != null, "training.discriminator", null, "an architecture");
            InvalidConfigException.require(discriminator.input().equals(generator.output()),
                    "training.discriminator.input", discriminator.input(),
                    "the generator's output shape " + generator.output());
            InvalidConfigException.require(penalty != null, "training.penalty", null, "GP or LP");
            InvalidConfigException.require(lambda >= 0 && lambda < Double.POSITIVE_INFINITY, "training.lambda", lambda,
                    "finite and ≥ 0");
            InvalidConfigException.require(bcop == null, "training.bcop", bcop, "absent with critic WGAN_GP");
        } else {
            InvalidConfigException.require(bcop != null, "training.bcop", null,
                    "the BCOP critic's settings (network, optimiser) with critic BCOP");
            InvalidConfigException.require(bcop.network().input().equals(generator.output()),
                    "training.bcop.network.input", bcop.network().input(),
                    "the generator's output shape " + generator.output());
            InvalidConfigException.require(discriminator == null, "training.discriminator", discriminator,
                    "absent with critic BCOP (the WGAN-GP discriminator is not used)");
            InvalidConfigException.require(penalty == null, "training.penalty", penalty,
                    "absent with critic BCOP (its critic is trained without a penalty)");
            InvalidConfigException.require(lambda == 0, "training.lambda", lambda,
                    "0 or absent with critic BCOP (no penalty)");
        }
        InvalidConfigException.require(criticIterations >= 1, "training.criticIterations", criticIterations, "≥ 1");
        InvalidConfigException.require(batchSize >= 1, "training.batchSize", batchSize, "≥ 1");
        InvalidConfigException.require(steps >= 0, "training.steps", steps, "≥ 0");
    }

    /** A WGAN-GP config (critic {@link CriticKind#WGAN_GP}); the fields as in the record. */
    public WganGpConfig(DcganArchitecture generator, DiscriminatorArchitecture discriminator, AdamConfig adam,
                        PenaltyKind penalty, double lambda, int criticIterations, int batchSize, int steps, long seed) {
        this(generator, discriminator, adam, penalty, lambda, criticIterations, batchSize, steps, seed,
                CriticKind.WGAN_GP, null);
    }

    /**
     * The BCOP authors' WGAN-GP settings (docs/generators.md, "Training (WGAN-GP)") for this generator: their discriminator, Adam 2e-4 with
     * β = (0.5, 0.999), GP with λ = 50, n_critic = 5, batch 64.
     */
    public static WganGpConfig authors(DcganArchitecture generator, int steps, long seed) {
        return new WganGpConfig(generator, DiscriminatorArchitecture.authors(generator.output()), AdamConfig.AUTHORS,
                PenaltyKind.GP, 50, 5, 64, steps, seed);
    }

    /**
     * A certified-Lipschitz GAN: the same generator, generator optimiser, n_critic, batch, steps and seed, against
     * the BCOP critic {@code settings} instead of the WGAN-GP discriminator.
     */
    public static WganGpConfig bcop(DcganArchitecture generator, AdamConfig adam, BcopCriticSettings settings,
                                    int criticIterations, int batchSize, int steps, long seed) {
        return new WganGpConfig(generator, null, adam, null, 0, criticIterations, batchSize, steps, seed,
                CriticKind.BCOP, settings);
    }

    /** This run's generator settings, schedule and seed against the BCOP critic {@code settings}. */
    public WganGpConfig withBcopCritic(BcopCriticSettings settings) {
        return bcop(generator, adam, settings, criticIterations, batchSize, steps, seed);
    }

    public WganGpConfig withSteps(int newSteps) {
        return new WganGpConfig(generator, discriminator, adam, penalty, lambda, criticIterations, batchSize, newSteps,
                seed, critic, bcop);
    }
}
