/**
 * The generators shipped in this jar: MNIST and Fashion-MNIST ladders (early, middle, final checkpoints of one
 * WGAN-GP run each), listed in {@code pretrained/manifest.json} with their SHA-256, checked at every load. Trained by
 * {@code scripts/train-generators.sh}; see docs/generators.md. Imports {@code io}, never {@code train}.
 */
package dev.lipschitzw1.generator.pretrained;
