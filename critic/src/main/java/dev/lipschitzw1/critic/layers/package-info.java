/**
 * Trainable Lipschitz layers of the training engine, each with an eager forward and backward pass in ND4J ops (NCHW;
 * float32 for training, float64 for gradient tests; parameters are created in the network's precision), with export to plain double-precision records
 * ({@link dev.lipschitzw1.critic.layers.PlainLayer}) that the certifier reads.
 *
 * <p>Holds the interface {@link dev.lipschitzw1.critic.layers.LipschitzLayer}, the parameter-free layers
 * (pixel-unshuffle, MaxMin, GroupSort, padding, flatten, (leaky) ReLU, nearest upsampling), the Björck dense layer and
 * the unconstrained layers of the gradient-penalty baseline ({@link dev.lipschitzw1.critic.layers.Conv2d},
 * {@link dev.lipschitzw1.critic.layers.Dense}, and the WGAN-GP discriminator's
 * {@link dev.lipschitzw1.critic.layers.StridedConv2d}), which also provide the Jacobian products the gradient penalty needs
 * ({@link dev.lipschitzw1.critic.layers.LipschitzLayer#jvp},
 * {@link dev.lipschitzw1.critic.layers.LipschitzLayer#accumulateBilinear}). Orthogonal convolutions live in
 * {@code layers.conv.*}.
 *
 * <p>Imports the math core ({@code critic.orthogonal}, {@code critic.certify} for the padding convention) and the
 * shared errors; must not import {@code critic.network}, training, estimation or reporting code.
 */
package dev.lipschitzw1.critic.layers;
