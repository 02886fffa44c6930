package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import dev.lipschitzw1.critic.tensor.Ops;

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

    private INDArray mask;

    /** mask = [x[c] ≥ x[c + C/2]] per pair; y = (max, min) per pair. */
    @Override
    public INDArray forward(INDArray x) {
        int c = inputShape()[0];
        INDArray a = channels(x, 0, c / 2);
        INDArray b = channels(x, c / 2, c);
        mask = Ops.greaterOrEqual(a, b);
        INDArray[] hiLo = Ops.maxMin(a, b);
        return Ops.concat(1, hiLo[0], hiLo[1]);
    }

    /** The pair permutation's transpose: g_a = m·g_max + (1 − m)·g_min, g_b = g_max + g_min − g_a. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        int c = inputShape()[0];
        INDArray gMax = channels(gradOut, 0, c / 2);
        INDArray gMin = channels(gradOut, c / 2, c);
        INDArray[] g = swapBack(gMax, gMin);
        return Ops.concat(1, g[0], g[1]);
    }

    /** The same permutation applied forwards: (m·r_a + (1 − m)·r_b, r_a + r_b − that). */
    @Override
    public INDArray jvp(INDArray r) {
        int c = inputShape()[0];
        INDArray ra = channels(r, 0, c / 2);
        INDArray rb = channels(r, c / 2, c);
        INDArray[] v = swapBack(ra, rb);
        return Ops.concat(1, v[0], v[1]);
    }

    /**
     * (m ⊙ p + (1 − m) ⊙ q, p + q − that) with the mask m: the pair permutation of the last forward pass applied to
     * (p, q) — its own transpose, so it serves the backward pass and the Jacobian–vector product alike.
     */
    private INDArray[] swapBack(INDArray p, INDArray q) {
        INDArray first = Ops.sub(p, q, Nd4j.create(p.dataType(), p.shape()));
        Ops.mul(first, mask, first);
        Ops.add(first, q, first);
        INDArray second = Ops.add(p, q, Nd4j.create(p.dataType(), p.shape()));
        Ops.sub(second, first, second);
        return new INDArray[] {first, second};
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
