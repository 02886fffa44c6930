package dev.lipschitzw1.critic.layers.conv.soc;

import dev.lipschitzw1.critic.tensor.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The skew-symmetric kernel of a skew-orthogonal convolution, with its backward pass. For K [k, k, c, c] (YXIO, k
 * odd) and Kᵀ the kernel of the adjoint convolution (Kᵀ[p, q, i, o] = K[k−1−p, k−1−q, o, i]),
 * <pre>
 *   S₀ = K − Kᵀ,   σ = max_i Σ_{p,q,o} |S₀[p, q, i, o]|,   S = κ·S₀/σ
 * </pre>
 * A_{S₀} is skew-symmetric (A_{Kᵀ} = A_Kᵀ for circular padding and odd k), and σ is its ℓ1 operator norm, equal to
 * its ℓ∞ norm by skew symmetry, so ‖A_S‖₂ ≤ √(‖A_S‖₁‖A_S‖_∞) = κ (Hölder). The authors scale by a power-iteration
 * estimate of ‖A_{S₀}‖₂ under {@code no_grad}; this bound is stateless, deterministic and rigorous, and it is
 * differentiated exactly: with c* the maximising input channel,
 * <pre>
 *   ∂L/∂S₀ = (κ/σ)·∂L/∂S − (κ/σ²)·⟨∂L/∂S, S₀⟩·sign(S₀)|_{input channel c*},   ∂L/∂K = ∂L/∂S₀ − (∂L/∂S₀)ᵀ
 * </pre>
 */
public final class SkewKernel {

    /** σ below this is treated as this (a symmetric K, S₀ = 0, gives the identity layer). */
    static final double MIN_NORM = 1e-12;

    private final INDArray skew;
    private final INDArray scaled;
    private final double sigma;
    private final int argmax;
    private final double correction;

    private SkewKernel(INDArray skew, INDArray scaled, double sigma, int argmax, double correction) {
        this.skew = skew;
        this.scaled = scaled;
        this.sigma = sigma;
        this.argmax = argmax;
        this.correction = correction;
    }

    /** S for K [k, k, c, c] and κ = {@code correction}, in K's data type. */
    public static SkewKernel of(INDArray kernel, double correction) {
        INDArray s0 = Ops.sub(kernel, adjoint(kernel));
        INDArray columns = Transforms.abs(s0, true).sum(0, 1, 3);
        int argmax = columns.argMax().getInt(0);
        double sigma = Math.max(MIN_NORM, columns.getDouble(argmax));
        return new SkewKernel(s0, Ops.scale(s0, correction / sigma), sigma, argmax, correction);
    }

    /** S = κ·S₀/σ [k, k, c, c], the kernel of L. */
    public INDArray scaled() {
        return scaled;
    }

    /** σ, the ℓ1 operator norm of A_{S₀}. */
    public double sigma() {
        return sigma;
    }

    /** ∂L/∂K for ∂L/∂S. */
    public INDArray backward(INDArray gradScaled) {
        INDArray g0 = Ops.scale(gradScaled, correction / sigma);
        if (sigma > MIN_NORM) {
            double dot = gradScaled.mul(skew).sumNumber().doubleValue();
            INDArray column = g0.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(argmax),
                    NDArrayIndex.all());
            INDArray sign = Transforms.sign(skew.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.point(argmax), NDArrayIndex.all()), true);
            column.subi(sign.muli(correction * dot / (sigma * sigma)));
        }
        return Ops.sub(g0, adjoint(g0));
    }

    /** Kᵀ[p, q, i, o] = K[k−1−p, k−1−q, o, i]: the kernel of the adjoint convolution (odd k, circular padding). */
    static INDArray adjoint(INDArray kernel) {
        int k = (int) kernel.size(0);
        INDArray swapped = kernel.permute(0, 1, 3, 2);
        INDArray out = Nd4j.create(kernel.dataType(), kernel.shape());
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                out.get(NDArrayIndex.point(p), NDArrayIndex.point(q), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(swapped.get(NDArrayIndex.point(k - 1 - p), NDArrayIndex.point(k - 1 - q),
                                NDArrayIndex.all(), NDArrayIndex.all()));
            }
        }
        return out;
    }
}
