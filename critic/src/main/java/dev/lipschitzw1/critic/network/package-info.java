/**
 * Critics built from {@code critic.layers}: the DCGAN-shaped WDE critic ({@link
 * dev.lipschitzw1.critic.network.WdeCriticFactory}) in its BCOP, RKO, OSSN and gradient-penalty variants, its immutable
 * configuration with presets ({@link dev.lipschitzw1.critic.network.CriticConfig}), the {@link
 * dev.lipschitzw1.critic.network.Critic} object (one SameDiff graph: forward, export, certification, save/load), a
 * minimal training step ({@link dev.lipschitzw1.critic.network.CriticTrainer}), the gradient-penalty step of the GP
 * baseline ({@link dev.lipschitzw1.critic.network.GradientPenaltyTrainer} with its
 * {@link dev.lipschitzw1.critic.network.GradientPenalty} settings; it lives here because it shares the critic's graph
 * and the trainer's update) and input-gradient diagnostics.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal}, {@code critic.certify}, {@code datasets} (shapes) and
 * the shared errors; must not import the estimator, generators or the runner.
 */
package dev.lipschitzw1.critic.network;
