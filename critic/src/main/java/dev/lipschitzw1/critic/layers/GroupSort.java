package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * GroupSort(g) activation (Anil et al. 2019) in the LNets/LConvNet grouping ({@code group_sort}, axis 1): the C
 * channels form C/g groups {c, c + C/g, …, c + (g−1)·C/g}, each sorted ascending along the group:
 * <pre>  (y[c], y[c + C/g], …, y[c + (g−1)C/g]) = sort↑(x[c], x[c + C/g], …, x[c + (g−1)C/g])  </pre>
 * Built from an odd–even transposition network of g rounds of pairwise (min, max) compare-exchanges, so it is exact
 * and differentiable. A permutation of each group: 1-Lipschitz and gradient-norm preserving; certified bound 1.
 * Note GroupSort(2) puts the minimum first, {@link MaxMin} the maximum.
 */
public final class GroupSort extends FixedLayer {

    /** @throws InvalidConfigException if g &lt; 2 or g does not divide the channel count */
    public GroupSort(String name, int[] inputShape, int groupSize) {
        super(new PlainFixed(name, PlainFixed.Op.GROUP_SORT, checkShape(name, inputShape, 1, 3),
                new double[] {groupSize}));
        InvalidConfigException.require(groupSize >= 2 && inputShape[0] % groupSize == 0, name + ".groupSize", groupSize,
                "≥ 2 and dividing the channel count " + inputShape[0]);
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable x) {
        int c = inputShape()[0];
        int g = (int) plain().arguments()[0];
        int rank = inputShape().length + 1;
        SDVariable[] v = new SDVariable[g];
        for (int j = 0; j < g; j++) {
            v[j] = MaxMin.channels(x, rank, j * c / g, (j + 1) * c / g);
        }
        for (int round = 0; round < g; round++) {
            for (int i = round % 2; i + 1 < g; i += 2) {
                SDVariable lo = sd.math().min(v[i], v[i + 1]);
                SDVariable hi = sd.math().max(v[i], v[i + 1]);
                v[i] = lo;
                v[i + 1] = hi;
            }
        }
        return sd.concat(name() + "/out", 1, v);
    }
}
