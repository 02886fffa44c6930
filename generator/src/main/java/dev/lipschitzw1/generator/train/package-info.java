/**
 * Wasserstein GAN training of the DCGAN generators ({@link dev.lipschitzw1.generator.train.WganGpTrainer}) against
 * either critic of {@link dev.lipschitzw1.generator.train.CriticKind}: the WGAN-GP discriminator with its gradient
 * penalty built with an explicit input gradient ({@link dev.lipschitzw1.generator.train.WganGpDiscriminator}; SameDiff
 * 1.0.0-M2.1 has no second derivatives; the penalty terms are the critic module's
 * {@link dev.lipschitzw1.critic.network.PenaltyTerms}), or a certified BCOP critic of the critic module trained without
 * a penalty ({@link dev.lipschitzw1.generator.train.BcopCriticSettings}). Adam, atomic checkpoints with bit-identical
 * resume for both critics, and the command line of {@code scripts/train-generators.sh}
 * ({@link dev.lipschitzw1.generator.train.TrainGenerators}). Library classes print nothing; progress goes to a
 * {@link dev.lipschitzw1.generator.train.TrainingListener}.
 */
package dev.lipschitzw1.generator.train;
