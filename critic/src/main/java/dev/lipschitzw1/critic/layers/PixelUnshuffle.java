package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.critic.tensor.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Invertible downsampling (pixel-unshuffle) by r: C×H×W → C·r²×(H/r)×(W/r) with PyTorch's channel order
 * <pre>  y[c·r² + i·r + j, h, w] = x[c, h·r + i, w·r + j],   0 ≤ i, j &lt; r  </pre>
 * (ND4J's {@code space_to_depth} orders channels (i·r + j)·C + c instead; this layer is one loop, {@link Kernels}).
 * A permutation of coordinates: orthogonal, certified bound 1, exact. A stride-r convolution with kernel r·k equals
 * this layer followed by a stride-1 convolution with kernel k.
 */
public final class PixelUnshuffle extends FixedLayer {

    /** @throws InvalidConfigException if r &lt; 1 or r does not divide H and W */
    public PixelUnshuffle(String name, int[] inputShape, int r) {
        super(new PlainFixed(name, PlainFixed.Op.PIXEL_UNSHUFFLE, checkShape(name, inputShape, 3, 3),
                new double[] {r}));
        InvalidConfigException.require(r >= 1 && inputShape[1] % r == 0 && inputShape[2] % r == 0, name + ".factor", r,
                "a factor ≥ 1 dividing the map size " + inputShape[1] + "×" + inputShape[2]);
    }

    @Override
    public INDArray forward(INDArray x) {
        return Kernels.pixelUnshuffle(x, factor());
    }

    /**
     * A permutation's adjoint is its inverse (pixel shuffle): u[c·r² + i·r + j, h, w] goes back to
     * [c, h·r + i, w·r + j].
     */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        return Kernels.pixelShuffle(gradOut, factor());
    }

    /** Linear: the Jacobian is the layer itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return forward(r);
    }

    private int factor() {
        return (int) plain().arguments()[0];
    }
}
