/**
 * Networks built from {@code critic.layers}: any explicit chain of layers ({@link
 * dev.lipschitzw1.critic.network.LayerNetwork}: forward, input gradient, export, certification), the DCGAN-shaped WDE
 * critic ({@link dev.lipschitzw1.critic.network.WdeCriticFactory}) in its BCOP, RKO, OSSN and gradient-penalty
 * variants, its immutable configuration with presets ({@link dev.lipschitzw1.critic.network.CriticConfig}), the {@link
 * dev.lipschitzw1.critic.network.Critic} object (config + network, save/load), the training step of any network
 * ({@link dev.lipschitzw1.critic.network.CriticTrainer}, with the project's one {@link
 * dev.lipschitzw1.critic.network.Optimiser}), the gradient-penalty step ({@link
 * dev.lipschitzw1.critic.network.GradientPenaltyTrainer} with its {@link dev.lipschitzw1.critic.network.GradientPenalty}
 * settings; the generator module's WGAN-GP discriminator trains with it too) and input-gradient diagnostics.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal}, {@code critic.certify}, {@code datasets} (shapes) and
 * the shared errors; must not import the estimator, generators or the runner.
 */
package dev.lipschitzw1.critic.network;
