package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

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

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        int c = inputShape()[0];
        int rank = inputShape().length + 1;
        SDVariable a = channels(x, rank, 0, c / 2);
        SDVariable b = channels(x, rank, c / 2, c);
        return sd.concat(name() + "/out", 1, sd.math().max(a, b), sd.math().min(a, b));
    }

    /** Channels [from, to) of x, all other axes whole. */
    static SDVariable channels(SDVariable x, int rank, int from, int to) {
        SDIndex[] idx = new SDIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == 1 ? SDIndex.interval(from, to) : SDIndex.all();
        }
        return x.get(idx);
    }
}
