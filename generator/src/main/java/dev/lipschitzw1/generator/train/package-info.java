/**
 * WGAN-GP training of the DCGAN generators: the discriminator with its gradient penalty built with an explicit input
 * gradient ({@link dev.lipschitzw1.generator.train.WganGpDiscriminator}; SameDiff 1.0.0-M2.1 has no second
 * derivatives), Adam, the trainer with atomic checkpoints and bit-identical resume
 * ({@link dev.lipschitzw1.generator.train.WganGpTrainer}), and the command line of
 * {@code scripts/train-generators.sh} ({@link dev.lipschitzw1.generator.train.TrainGenerators}). Self-contained: it does
 * not use the critic module's penalty code (a later unification may). Library classes print nothing; progress goes
 * to a {@link dev.lipschitzw1.generator.train.TrainingListener}.
 */
package dev.lipschitzw1.generator.train;
