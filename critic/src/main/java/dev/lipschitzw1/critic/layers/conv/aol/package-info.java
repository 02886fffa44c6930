/**
 * Almost-orthogonal Lipschitz convolution (AOL, Prach &amp; Lampert 2022): an unconstrained kernel rescaled per input
 * channel by the absolute row sums of its Gram kernel, 1-Lipschitz by construction (not orthogonal).
 *
 * <p>Imports {@code critic.layers}, {@code critic.tensor} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.aol;
