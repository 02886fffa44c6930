package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.tensor.Ops;
import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every stride-1, size-preserving convolution layer of a critic that applies its kernel by convolution shares,
 * whatever parameterises the kernel (plain, BCOP, RKO, OSSN, AOL): the map {cin, H, W} → {cout, H, W},
 * <pre>  y = conv(pad(x), K) + b,   K = kernel(θ) [k, k, cin, cout] (YXIO),   b [cout] optional  </pre>
 * ({@link ConvOps}); the forward and backward passes with the kernel built once per step ({@link #prepare}); the
 * gradient-penalty hooks; and, from {@link SameShapeConvParameters}, the parameters, shape checks and export. A
 * subclass says how K is built from its raw parameter and how ∂L/∂K flows back to it.
 */
public abstract class SameShapeConv2d extends SameShapeConvParameters {
    private INDArray kernel;
    private INDArray padded;
    private INDArray kernelGrad;

    /**
     * @param kind the layer kind reports print
     * @param rawParameter the trained parameter's suffix ({@code name/rawParameter})
     * @param inputShape {cin, H, W}
     * @throws InvalidConfigException if a size is not positive
     */
    protected SameShapeConv2d(String kind, String rawParameter, String name, int[] inputShape, int cout, int k,
                              Padding padding, boolean bias, long seed) {
        super(kind, rawParameter, name, inputShape, cout, k, padding, bias, seed);
    }

    /** ∂L/∂θ for ∂L/∂K, with the state kept by the last {@code buildKernel(…, true)}. */
    protected abstract INDArray rawGradient(INDArray kernelGradient);

    @Override
    public void prepare(boolean training) {
        kernel = buildKernel(raw().value(), training);
        kernelGrad = null;
    }

    @Override
    public INDArray forward(INDArray x) {
        padded = ConvOps.padForKernel(x, k, padding);
        return ConvOps.valid(padded, kernel, bias ? biasParameter().value() : null, k);
    }

    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        if (!accumulate) {
            return ConvOps.convolveAdjoint(gradOut, kernel, k, padding);
        }
        INDArray[] g = ConvOps.backward(padded, kernel, bias ? biasParameter().value() : null, gradOut, k, padding);
        addKernelGradient(g[1]);
        if (bias) {
            biasParameter().accumulate(g[2]);
        }
        return g[0];
    }

    @Override
    public void finishBackward() {
        if (kernelGrad != null) {
            raw().accumulate(rawGradient(kernelGrad));
            kernelGrad = null;
        }
    }

    @Override
    public INDArray jvp(INDArray r) {
        return ConvOps.convolve(r, kernel, null, k, padding);
    }

    @Override
    public void accumulateBilinear(INDArray r, INDArray u) {
        addKernelGradient(ConvOps.weightGradient(r, kernel, u, k, padding));
    }

    private void addKernelGradient(INDArray g) {
        kernelGrad = kernelGrad == null ? g : Ops.add(kernelGrad, g, kernelGrad);
    }
}
