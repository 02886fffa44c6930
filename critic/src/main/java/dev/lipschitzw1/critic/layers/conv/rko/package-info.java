/**
 * Reshaped kernel orthogonalisation (RKO), LConvNet's baseline: Björck applied to the kernel reshaped to a
 * cout × (cin·k²) matrix, scaled by 1/k. Certified (‖conv‖ ≤ 1) but not gradient-norm preserving.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.rko;
