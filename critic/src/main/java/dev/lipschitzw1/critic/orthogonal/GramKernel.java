package dev.lipschitzw1.critic.orthogonal;

import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Gram kernel of a convolution, the kernel of AᵀA, with its backward pass. For K [k, k, cin, cout] (YXIO) and A
 * its stride-1 convolution,
 * <pre>
 *   G[Δ][c, c'] = Σ_{(p, q), (p', q') : (p' − p, q' − q) = Δ} Σ_o K[p, q, c, o] · K[p', q', c', o],
 *   Δ ∈ [−(k−1), k−1]²
 * </pre>
 * stored [2k−1, 2k−1, cin, cin] with Δ = 0 at index k − 1: (AᵀA)[(c, x), (c', x')] = G[x' − x][c, c'] on maps of at
 * least 2k − 1 pixels (a sum of several G entries on smaller circular maps). Computed as P = M Mᵀ of the taps stacked
 * M [k²·cin, cout], whose (pq, p'q') blocks are summed by Δ; backward ∂L/∂M = (∂L/∂P + ∂L/∂Pᵀ) M with ∂L/∂P's blocks
 * the ∂L/∂G entry of their Δ. The Gram kernel of AAᵀ is that of K with its channel axes swapped. Used by AOL's
 * rescaling and SLL's diagonal T.
 */
public final class GramKernel {

    private GramKernel() {
    }

    /** G [2k−1, 2k−1, cin, cin] for K [k, k, cin, cout]. */
    public static INDArray of(INDArray kernel) {
        INDArray k4 = kernel.dup('c');
        long[] s = k4.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        INDArray m = k4.reshape('c', (long) k * k * cin, s[3]);
        INDArray p6 = Ops.matmul(m, m, false, true, 1.0).reshape('c', k, k, cin, k, k, cin);
        INDArray gram = Nd4j.create(k4.dataType(), 2L * k - 1, 2L * k - 1, cin, cin);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int a2 = 0; a2 < k; a2++) {
                    for (int b2 = 0; b2 < k; b2++) {
                        offset(gram, a2 - a + k - 1, b2 - b + k - 1).addi(p6.get(block(a, b, a2, b2)));
                    }
                }
            }
        }
        return gram;
    }

    /** ∂L/∂K [k, k, cin, cout] for ∂L/∂G [2k−1, 2k−1, cin, cin], G = {@link #of}(K). */
    public static INDArray backward(INDArray kernel, INDArray gradGram) {
        INDArray k4 = kernel.dup('c');
        long[] s = k4.shape();
        int k = (int) s[0];
        int cin = (int) s[2];
        INDArray gradP = Nd4j.create(k4.dataType(), (long) k * k * cin, (long) k * k * cin);
        INDArray gradP6 = gradP.reshape('c', k, k, cin, k, k, cin);
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int p2 = 0; p2 < k; p2++) {
                    for (int q2 = 0; q2 < k; q2++) {
                        gradP6.get(block(p, q, p2, q2)).assign(offset(gradGram, p2 - p + k - 1, q2 - q + k - 1));
                    }
                }
            }
        }
        INDArray m = k4.reshape('c', (long) k * k * cin, s[3]);
        INDArray symmetric = Ops.add(gradP, gradP.transpose().dup('c'));
        return Ops.matmul(symmetric, m, false, false, 1.0).reshape('c', s);
    }

    private static INDArray offset(INDArray gram, int dy, int dx) {
        return gram.get(NDArrayIndex.point(dy), NDArrayIndex.point(dx), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static INDArrayIndex[] block(int p, int q, int p2, int q2) {
        return new INDArrayIndex[] {NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all(),
                NDArrayIndex.point(p2), NDArrayIndex.point(q2), NDArrayIndex.all()};
    }
}
