package dev.lipschitzw1.critic.layers.conv.aol;

import dev.lipschitzw1.critic.orthogonal.GramKernel;
import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AOL's rescaling of a convolution kernel (Prach &amp; Lampert, ECCV 2022, Theorem 1 and its convolutional form), as
 * eager ND4J ops with its backward pass. For a kernel K [k, k, cin, cout] (YXIO) and G the Gram kernel of AᵀA
 * ({@link GramKernel}),
 * <pre>
 *   s_c = ε + Σ_{Δ, c'} |G[Δ][c, c']|,   d_c = s_c^(−1/2),   K'[p, q, c, o] = K[p, q, c, o] · d_c
 * </pre>
 * (ε = {@value #EPSILON} keeps an all-zero input channel finite). Every entry of AᵀA, for zero or circular padding
 * and any map size, is one G entry or a sum of several (wrapping), so its absolute row sums are ≤ s_c and the Schur
 * test gives ‖A D‖₂ ≤ 1 with D = diag(d): the rescaled convolution is 1-Lipschitz by construction.
 *
 * <p>{@link #backward} gives ∂L/∂K for ∂L/∂K', with
 * <pre>
 *   ∂L/∂d_c = Σ_{p,q,o} ∂L/∂K'[p,q,c,o] · K[p,q,c,o],   ∂L/∂s_c = −½ d_c³ · ∂L/∂d_c,
 *   ∂L/∂G[Δ][c, c'] = ∂L/∂s_c · sign(G[Δ][c, c']),   then through G ({@link GramKernel#backward})
 * </pre>
 * Instances are immutable records of one kernel's rescaling.
 */
public final class AolRescaling {

    /** Added to each row sum, as the authors' implementation, so that a zero channel does not divide by zero. */
    public static final double EPSILON = 1e-12;

    private final INDArray kernel;
    private final INDArray gram;
    private final INDArray scale;
    private final INDArray rescaled;

    private AolRescaling(INDArray kernel, INDArray gram, INDArray scale, INDArray rescaled) {
        this.kernel = kernel;
        this.gram = gram;
        this.scale = scale;
        this.rescaled = rescaled;
    }

    /** The rescaling of K [k, k, cin, cout], in K's data type. */
    public static AolRescaling of(INDArray kernel) {
        INDArray k4 = kernel.dup('c');
        long[] s = k4.shape();
        int cin = (int) s[2];
        INDArray gram = GramKernel.of(k4);
        INDArray rowSums = Transforms.abs(gram, true).sum(0, 1, 3).addi(EPSILON);
        INDArray d = Transforms.pow(rowSums, -0.5, true);
        INDArray rescaled = Ops.mul(k4, d.reshape(1, 1, cin, 1).broadcast(s));
        return new AolRescaling(k4, gram, d, rescaled);
    }

    /** K' = K·diag(d) [k, k, cin, cout], the kernel the layer convolves with. */
    public INDArray rescaled() {
        return rescaled;
    }

    /** d [cin], the per-input-channel factors. */
    public INDArray scale() {
        return scale;
    }

    /** ∂L/∂K for ∂L/∂K' [k, k, cin, cout]. */
    public INDArray backward(INDArray gradRescaled) {
        long[] s = kernel.shape();
        int cin = (int) s[2];
        INDArray g = gradRescaled.dup('c');
        INDArray gradKernel = Ops.mul(g, scale.reshape(1, 1, cin, 1).broadcast(s));
        INDArray gradS = Ops.mul(g, kernel).sum(0, 1, 3).muli(Transforms.pow(scale, 3, true)).muli(-0.5);
        INDArray gradGram = Transforms.sign(gram, true).muli(gradS.reshape(1, 1, cin, 1).broadcast(gram.shape()));
        return gradKernel.addi(GramKernel.backward(kernel, gradGram));
    }
}
