package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import dev.lipschitzw1.critic.tensor.Kernels;

/**
 * MaxMin activation (GroupSort with groups of 2, Anil et al. 2019) in LConvNet's pairing
 * ({@code GroupSort(2, axis=1, new_impl=True)}, used by their WDE critics): channel c is paired with c + C/2 and
 * <pre>  y[c] = max(x[c], x[c + C/2]),   y[c + C/2] = min(x[c], x[c + C/2]),   c &lt; C/2  </pre>
 * on [N, C, H, W] or [N, C]. Each pair is permuted, so ‖y‖ = ‖x‖ and the Jacobian is a permutation almost
 * everywhere: 1-Lipschitz and gradient-norm preserving. Certified bound 1, exact.
 */
public final class MaxMin extends FixedLayer {

    /** @throws InvalidConfigException if the channel count is odd */
    public MaxMin(String name, int[] inputShape) {
        super(new PlainFixed(name, PlainFixed.Op.MAX_MIN, checkShape(name, inputShape, 1, 3), new double[0]));
        InvalidConfigException.require(inputShape[0] % 2 == 0, name + ".channels", inputShape[0], "an even number");
    }

    private byte[] mask = new byte[0];

    /** y = (max, min) per pair, the pair's order recorded ({@link Kernels#maxMin}). */
    @Override
    public INDArray forward(INDArray x) {
        int pairs = (int) (x.length() / 2);
        if (mask.length < pairs) {
            mask = new byte[pairs];
        }
        return Kernels.maxMin(x, mask);
    }

    /** The pair permutation's transpose, which is itself. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        return Kernels.maxMinPermute(gradOut, mask);
    }

    /** The same permutation applied forwards. */
    @Override
    public INDArray jvp(INDArray r) {
        return Kernels.maxMinPermute(r, mask);
    }

    /** Channels [from, to) of x ([N, C] or [N, C, H, W]), all other axes whole (a view). */
    static INDArray channels(INDArray x, int from, int to) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == 1 ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return x.get(idx);
    }
}
