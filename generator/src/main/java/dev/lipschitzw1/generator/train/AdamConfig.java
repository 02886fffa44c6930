package dev.lipschitzw1.generator.train;

import dev.lipschitzw1.critic.network.Optimiser;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Adam settings (Kingma &amp; Ba 2015), in PyTorch's form:
 * <pre>  m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)  </pre>
 *
 * @param learningRate lr
 * @param beta1 β₁
 * @param beta2 β₂
 * @param epsilon ε
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
    /** The BCOP authors' generator settings for both networks (LConvNet's GAN scripts; docs/generators.md, "Training (WGAN-GP)"): lr 2e-4, β = (0.5, 0.999), ε = 1e-8. */
    public static final AdamConfig AUTHORS = new AdamConfig(2e-4, 0.5, 0.999, 1e-8);

    public AdamConfig {
        InvalidConfigException.require(learningRate > 0 && learningRate < 1, "adam.learningRate", learningRate,
                "in (0, 1)");
        InvalidConfigException.require(beta1 >= 0 && beta1 < 1, "adam.beta1", beta1, "in [0, 1)");
        InvalidConfigException.require(beta2 >= 0 && beta2 < 1, "adam.beta2", beta2, "in [0, 1)");
        InvalidConfigException.require(epsilon > 0 && epsilon < 1, "adam.epsilon", epsilon, "in (0, 1)");
    }

    /** These settings for the project's one optimiser ({@link Optimiser}, its Adam rule). */
    public OptimiserConfig toOptimiserConfig() {
        return new OptimiserConfig(OptimiserConfig.Kind.ADAM, learningRate, 0.99, beta1, beta2, epsilon);
    }
}
