/**
 * Eager execution of libnd4j operations with reused op objects and contexts ({@link dev.lipschitzw1.critic.tensor.Ops}):
 * the engine's hot loop. Imports ND4J only; used by {@code critic.orthogonal}, {@code critic.layers} and
 * {@code critic.network}.
 */
package dev.lipschitzw1.critic.tensor;
