/**
 * Block convolution orthogonal parameterisation (BCOP, Li et al. 2019) as a trainable layer: the kernel is built in
 * the graph by {@link dev.lipschitzw1.critic.orthogonal.BcopKernel} from 2k−1 unconstrained matrices, and applied
 * with circular padding, where the convolution is exactly orthogonal.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv.bcop;
