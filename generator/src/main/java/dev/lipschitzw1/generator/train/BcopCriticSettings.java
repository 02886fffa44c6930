package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * The critic of a certified-Lipschitz GAN ({@link CriticKind#BCOP}): a critic module {@code Critic} built from
 * {@code network} (initialised from {@code network.seed()}) and trained by {@code CriticTrainer} with {@code optimiser}
 * on the dual loss mean f(G(z)) − mean f(x), without a penalty. Its Lipschitz constant is certified
 * ({@code Critic.certify()}) whenever the trainer writes a checkpoint or a generator file.
 *
 * <p>Default optimiser: Adam lr 2e-4, β = (0.5, 0.999), ε = 1e-8, the generator's own settings, rather than the
 * estimator's RMSprop: here the critic chases a moving target (the generator changes every n_critic steps), the
 * setting Adam with β₁ = 0.5 was tuned for in WGAN-GP, and with the same optimiser as the WGAN-GP runs a comparison
 * with the shipped ladders varies the critic only (docs/generators.md).
 *
 * @param network   the critic: variant BCOP on native pixels (upsample 1), input the generator's output shape
 * @param optimiser the critic's optimiser (RMSprop or Adam, PyTorch's rules)
 */
public record BcopCriticSettings(CriticConfig network, OptimiserConfig optimiser) {

    /** @throws InvalidConfigException naming the first field out of range */
    public BcopCriticSettings {
        InvalidConfigException.require(network != null, "training.bcop.network", null, "a critic config");
        InvalidConfigException.require(optimiser != null, "training.bcop.optimiser", null, "an optimiser config");
        InvalidConfigException.require(network.variant() == CriticConfig.Variant.BCOP, "training.bcop.network.variant",
                network.variant(), "BCOP (the certified critic)");
        InvalidConfigException.require(network.upsample() == 1, "training.bcop.network.upsample", network.upsample(),
                "1 (an upsampled critic is only 2-Lipschitz in native pixels)");
    }

    /**
     * The CPU default for images of this shape: the estimator's quick critic ({@link CriticConfig#quick}: BCOP + MaxMin,
     * widths 16, 32, 64, 63,345 parameters at 1×28×28) with Adam 2e-4, β = (0.5, 0.999).
     */
    public static BcopCriticSettings defaults(ImageShape input) {
        return new BcopCriticSettings(CriticConfig.quick(input), OptimiserConfig.adam(2e-4));
    }
}
