/**
 * SDP-based Lipschitz residual layer (SLL, Araujo et al. 2023), convolutional: x − 2Aᵀ T⁻¹ ReLU(Ax + b) with a
 * diagonal T that dominates AAᵀ, certified by checking that condition on the exported weights.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal}, {@code critic.tensor} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.sll;
