/**
 * Certification, pure math in double precision: exact spectral norms of stride-1 convolutions (Fourier symbol, Sedghi et
 * al. 2019) and dense matrices, each as a certified upper bound (Cholesky-proved) plus the converged value; per-layer and
 * network certificates; the project's pinned direct convolution ({@link dev.lipschitzw1.critic.certify.DirectConv2d}).
 * <p>
 * Imports Commons Math and {@code dev.lipschitzw1.errors} only. Must not import ND4J/SameDiff, layers, critics,
 * training, estimation, CLI or reporting code, nor {@code dev.lipschitzw1.critic.orthogonal}: certificates are computed
 * from exported double weights, independently of the code that produced them.
 */
package dev.lipschitzw1.critic.certify;
