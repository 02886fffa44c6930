/**
 * Orthogonal parameterisations, pure math: Björck orthonormalisation (ND4J and double), power iteration, and the
 * BCOP kernel (Li et al. 2019) built from unconstrained matrices.
 * <p>
 * Imports ND4J, Commons Math and {@code dev.lipschitzw1.errors} only. Must not import layers, critics,
 * optimisers, training, estimation, CLI or reporting code ({@code dev.lipschitzw1.critic.layers}, {@code .estimate},
 * {@code dev.lipschitzw1.experiments} …), nor {@code dev.lipschitzw1.critic.certify}.
 */
package dev.lipschitzw1.critic.orthogonal;
