/**
 * Exact optimal transport between finite point sets: the ground truth for W1 on small samples.
 * {@link dev.lipschitzw1.critic.ot.ExactW1} is the entry point; {@link dev.lipschitzw1.critic.ot.CostMatrix}
 * (Euclidean costs by BLAS in double), {@link dev.lipschitzw1.critic.ot.JonkerVolgenantAssignment} (equal sizes,
 * uniform weights) and {@link dev.lipschitzw1.critic.ot.NetworkSimplexTransport} (general weights) are the parts.
 * Pure math: imports only the datasets module's {@code ImageSet} and typed errors, ND4J for the one matrix product,
 * and nothing from training, layers, estimators or the command line.
 */
package dev.lipschitzw1.critic.ot;
