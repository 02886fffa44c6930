/**
 * Cayley convolution (Trockman &amp; Kolter 2021): an orthogonal circular convolution built per DFT frequency by the
 * Cayley transform of the raw kernel's Fourier symbol, materialised as a full-size circular kernel.
 *
 * <p>Imports {@code critic.layers} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.cayley;
