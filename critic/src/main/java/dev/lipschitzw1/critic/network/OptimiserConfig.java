package dev.lipschitzw1.critic.network;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Optimiser of {@link CriticTrainer}, with PyTorch's update rules (g the gradient, t the step from 1):
 * <pre>
 *   RMSPROP:  v ← α·v + (1 − α)·g²;                 θ ← θ − lr·g / (√v + ε)
 *   ADAM:     m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;
 *             θ ← θ − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 *
 * @param kind         RMSPROP or ADAM
 * @param learningRate lr &gt; 0
 * @param alpha        RMSprop smoothing α ∈ [0, 1) (PyTorch and the authors: 0.99)
 * @param beta1        Adam β₁ ∈ [0, 1)
 * @param beta2        Adam β₂ ∈ [0, 1)
 * @param epsilon      ε &gt; 0 (1e-8)
 */
public record OptimiserConfig(Kind kind, double learningRate, double alpha, double beta1, double beta2,
                              double epsilon) {

    /** The update rule. */
    public enum Kind { RMSPROP, ADAM }

    /** @throws InvalidConfigException naming the first field out of range */
    public OptimiserConfig {
        InvalidConfigException.require(kind != null, "optimiser.kind", null, "RMSPROP or ADAM");
        InvalidConfigException.require(learningRate > 0 && Double.isFinite(learningRate), "optimiser.learningRate",
                learningRate, "a finite number > 0");
        InvalidConfigException.require(alpha >= 0 && alpha < 1, "optimiser.alpha", alpha, "in [0, 1)");
        InvalidConfigException.require(beta1 >= 0 && beta1 < 1, "optimiser.beta1", beta1, "in [0, 1)");
        InvalidConfigException.require(beta2 >= 0 && beta2 < 1, "optimiser.beta2", beta2, "in [0, 1)");
        InvalidConfigException.require(epsilon > 0, "optimiser.epsilon", epsilon, "> 0");
    }

    /** RMSprop as the authors' WDE runs: α = 0.99, ε = 1e-8, no momentum (lr 1e-4 for MaxMin critics). */
    public static OptimiserConfig rmsprop(double learningRate) {
        return new OptimiserConfig(Kind.RMSPROP, learningRate, 0.99, 0.9, 0.999, 1e-8);
    }

    /** Adam with β = (0.5, 0.999), ε = 1e-8 (the usual WGAN settings). */
    public static OptimiserConfig adam(double learningRate) {
        return new OptimiserConfig(Kind.ADAM, learningRate, 0.99, 0.5, 0.999, 1e-8);
    }

    /** This config with another learning rate (e.g. an exponential schedule). */
    public OptimiserConfig withLearningRate(double lr) {
        return new OptimiserConfig(kind, lr, alpha, beta1, beta2, epsilon);
    }
}
