package dev.lipschitzw1.critic.layers.conv.aol;

import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AOL's rescaling of a convolution kernel (Prach &amp; Lampert, ECCV 2022, Theorem 1 and its convolutional form), as
 * eager ND4J ops with its backward pass. For a kernel K [k, k, cin, cout] (YXIO) the Gram kernel of the operator
 * AᵀA is the (2k−1)×(2k−1) kernel
 * <pre>
 *   G[Δ][c, c'] = Σ_{(p, q), (p', q') : (p' − p, q' − q) = Δ} Σ_o K[p, q, c, o] · K[p', q', c', o]
 *   s_c = ε + Σ_{Δ, c'} |G[Δ][c, c']|,   d_c = s_c^(−1/2),   K'[p, q, c, o] = K[p, q, c, o] · d_c
 * </pre>
 * (ε = {@value #EPSILON} keeps an all-zero input channel finite). Every entry of AᵀA, for zero or circular padding
 * and any map size, is one G entry or a sum of several (wrapping), so its absolute row sums are ≤ s_c and the Schur
 * test gives ‖A D‖₂ ≤ 1 with D = diag(d): the rescaled convolution is 1-Lipschitz by construction. Computed as one
 * matrix product P = M Mᵀ of the taps stacked as M [k²·cin, cout], whose (pq, p'q') blocks are summed by Δ.
 *
 * <p>{@link #backward} gives ∂L/∂K for ∂L/∂K', with
 * <pre>
 *   ∂L/∂d_c = Σ_{p,q,o} ∂L/∂K'[p,q,c,o] · K[p,q,c,o],   ∂L/∂s_c = −½ d_c³ · ∂L/∂d_c,
 *   ∂L/∂G[Δ][c, c'] = ∂L/∂s_c · sign(G[Δ][c, c']),   ∂L/∂M = (∂L/∂P + ∂L/∂Pᵀ) M
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

    /** The rescaling of K [k, k, cin, cout] (c-order), in K's data type. */
    public static AolRescaling of(INDArray kernel) {
        INDArray k4 = kernel.dup('c');
        long[] s = k4.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        INDArray gram = gramKernel(k4, k, cin, (int) s[3]);
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

    /** G [2k−1, 2k−1, cin, cin], the Gram kernel of KᵀK (centre Δ = 0 at index k − 1). */
    public INDArray gram() {
        return gram;
    }

    /** ∂L/∂K for ∂L/∂K' [k, k, cin, cout]. */
    public INDArray backward(INDArray gradRescaled) {
        long[] s = kernel.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        int cout = (int) s[3];
        INDArray g = gradRescaled.dup('c');
        INDArray dBroadcast = scale.reshape(1, 1, cin, 1).broadcast(s);
        INDArray gradKernel = Ops.mul(g, dBroadcast);
        INDArray gradD = Ops.mul(g, kernel).sum(0, 1, 3);
        INDArray gradS = gradD.muli(Transforms.pow(scale, 3, true)).muli(-0.5);
        INDArray gradGram = Transforms.sign(gram, true).muli(gradS.reshape(1, 1, cin, 1).broadcast(gram.shape()));
        INDArray gradP = Nd4j.create(kernel.dataType(), (long) k * k * cin, (long) k * k * cin);
        INDArray gradP6 = gradP.reshape('c', k, k, cin, k, k, cin);
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int p2 = 0; p2 < k; p2++) {
                    for (int q2 = 0; q2 < k; q2++) {
                        gradP6.get(block(p, q, p2, q2)).assign(gradGram.get(NDArrayIndex.point(p2 - p + k - 1),
                                NDArrayIndex.point(q2 - q + k - 1), NDArrayIndex.all(), NDArrayIndex.all()));
                    }
                }
            }
        }
        INDArray m = kernel.reshape('c', (long) k * k * cin, cout);
        INDArray gradPSym = Ops.add(gradP, gradP.transpose().dup('c'));
        INDArray gradM = Ops.matmul(gradPSym, m, false, false, 1.0);
        return gradKernel.addi(gradM.reshape('c', s));
    }

    /** G [2k−1, 2k−1, cin, cin] from P = M Mᵀ, M the taps stacked [k²·cin, cout]. */
    private static INDArray gramKernel(INDArray k4, int k, int cin, int cout) {
        INDArray m = k4.reshape('c', (long) k * k * cin, cout);
        INDArray p = Ops.matmul(m, m, false, true, 1.0);
        INDArray p6 = p.reshape('c', k, k, cin, k, k, cin);
        INDArray gram = Nd4j.create(k4.dataType(), 2L * k - 1, 2L * k - 1, cin, cin);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int a2 = 0; a2 < k; a2++) {
                    for (int b2 = 0; b2 < k; b2++) {
                        gram.get(NDArrayIndex.point(a2 - a + k - 1), NDArrayIndex.point(b2 - b + k - 1),
                                NDArrayIndex.all(), NDArrayIndex.all()).addi(p6.get(block(a, b, a2, b2)));
                    }
                }
            }
        }
        return gram;
    }

    private static INDArrayIndex[] block(int p, int q, int p2, int q2) {
        return new INDArrayIndex[] {NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all(),
                NDArrayIndex.point(p2), NDArrayIndex.point(q2), NDArrayIndex.all()};
    }
}
