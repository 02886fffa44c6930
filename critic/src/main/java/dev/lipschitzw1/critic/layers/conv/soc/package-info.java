/**
 * Skew-orthogonal convolution (SOC, Singla &amp; Feizi 2021): the exponential of a skew-symmetric convolution,
 * truncated to a Taylor series, exported as one composed circular kernel for exact certification.
 *
 * <p>Imports {@code critic.layers}, {@code critic.tensor} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.soc;
