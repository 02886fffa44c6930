/**
 * Convolutions with a Lipschitz constraint, one sub-package per construction ({@code bcop}, {@code rko},
 * {@code ossn}, and the later {@code aol}, {@code soc}, {@code sll}, {@code cayley}: docs/layers.md), and {@link dev.lipschitzw1.critic.layers.conv.OrthogonalConvs}, the one factory that maps a
 * (construction, channels, kernel, stride) request to layers.
 *
 * <p>Imports {@code critic.layers}, {@code critic.orthogonal} and the shared errors only.
 */
package dev.lipschitzw1.critic.layers.conv;
