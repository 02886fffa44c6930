package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.critic.tensor.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nearest-neighbour upsampling by an integer factor f, as LConvNet's critics do before their first stage
 * (32×32 → 64×64):
 * <pre>  y[c, i, j] = x[c, ⌊i/f⌋, ⌊j/f⌋]  </pre>
 * Every norm is multiplied by exactly f (‖y‖ = f‖x‖), so the certified bound of this layer is f: a critic that starts
 * with it is f-Lipschitz with respect to the native pixels, i.e. 1-Lipschitz in the upsampled space.
 */
public final class NearestUpsample extends FixedLayer {

    /** @throws InvalidConfigException if f &lt; 1 */
    public NearestUpsample(String name, int[] inputShape, int factor) {
        super(new PlainFixed(name, PlainFixed.Op.NEAREST_UPSAMPLE, checkShape(name, inputShape, 3, 3),
                new double[] {factor}));
        InvalidConfigException.require(factor >= 1, name + ".factor", factor, "an integer ≥ 1");
    }

    @Override
    public INDArray forward(INDArray x) {
        int f = (int) plain().arguments()[0];
        return f == 1 ? x : Kernels.nearestUpsample(x, f);
    }

    /** The adjoint sums each f×f block of the upstream map: u[c, h·f + a, w·f + b] summed over a, b. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        int f = (int) plain().arguments()[0];
        return f == 1 ? gradOut : Kernels.nearestUpsampleAdjoint(gradOut, f);
    }

    /** Linear: the Jacobian is the layer itself. */
    @Override
    public INDArray jvp(INDArray r) {
        return forward(r);
    }
}
