/**
 * Wasserstein GAN training of the DCGAN generators ({@link dev.lipschitzw1.generator.train.WganGpTrainer}) against
 * either critic of {@link dev.lipschitzw1.generator.train.CriticKind}: the WGAN-GP discriminator, a network of the
 * critic module's engine layers ({@link dev.lipschitzw1.generator.train.WganGpDiscriminator}) trained with the critic
 * module's gradient penalty ({@link dev.lipschitzw1.critic.network.GradientPenaltyTrainer}), or a certified BCOP critic of the critic module trained without
 * a penalty ({@link dev.lipschitzw1.generator.train.BcopCriticSettings}). Adam, atomic checkpoints with bit-identical
 * resume for both critics, and the command line of {@code scripts/train-generators.sh}
 * ({@link dev.lipschitzw1.generator.train.TrainGenerators}). Library classes print nothing; progress goes to a
 * {@link dev.lipschitzw1.generator.train.TrainingListener}.
 */
package dev.lipschitzw1.generator.train;
