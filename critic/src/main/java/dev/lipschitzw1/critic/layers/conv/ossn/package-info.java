/**
 * One-sided spectral normalisation of a convolution (OSSN), LConvNet's baseline: a persistent power-iteration estimate
 * σ̂ of the operator norm and a division by max(1, σ̂). Not certified by construction (σ̂ lags the true norm); the
 * certifier reports the true constant of the exported kernel. See docs/ossn.md for the exact variant.
 *
 * <p>Imports {@code critic.layers} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.ossn;
