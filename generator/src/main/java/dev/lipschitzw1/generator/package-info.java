/**
 * Generators as image distributions: the DCGAN generator architecture ({@link dev.lipschitzw1.generator.DcganGenerator}),
 * Gaussian latents drawn by Box–Muller from the caller's {@link java.util.SplittableRandom}
 * ({@link dev.lipschitzw1.generator.GaussianLatents}), and {@link dev.lipschitzw1.generator.GeneratorDistribution},
 * which turns any {@link dev.lipschitzw1.generator.LatentModel} into a seeded, batched
 * {@link dev.lipschitzw1.datasets.ImageDistribution}.
 *
 * <p>Sub-packages: {@code train} (WGAN-GP training), {@code io} (the generator file format), {@code pretrained}
 * (shipped ladders), {@code external} (users' SameDiff and ONNX generators), {@code source} (the
 * {@code generator:} named sources). This package imports none of them, and nothing from the critic module.
 */
package dev.lipschitzw1.generator;
