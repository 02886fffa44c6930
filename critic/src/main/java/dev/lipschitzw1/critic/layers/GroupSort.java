package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.InvalidConfigException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    /** The compare-exchange masks of the last forward pass, round by round: 1 where the pair was already in order. */
    private final java.util.List<INDArray> masks = new java.util.ArrayList<>();

    @Override
    public INDArray forward(INDArray x) {
        masks.clear();
        INDArray[] v = split(x);
        for (int round = 0; round < groupSize(); round++) {
            for (int i = round % 2; i + 1 < groupSize(); i += 2) {
                INDArray inOrder = v[i + 1].sub(v[i]).gte(0.0).castTo(x.dataType());
                masks.add(inOrder);
                INDArray lo = Transforms.min(v[i], v[i + 1], true);
                INDArray hi = Transforms.max(v[i], v[i + 1], true);
                v[i] = lo;
                v[i + 1] = hi;
            }
        }
        return Nd4j.concat(1, v);
    }

    /** The network's compare-exchanges transposed, in reverse order. */
    @Override
    public INDArray backward(INDArray gradOut, boolean accumulate) {
        INDArray[] g = split(gradOut);
        int m = masks.size();
        for (int round = groupSize() - 1; round >= 0; round--) {
            for (int i = lastStart(round); i >= round % 2; i -= 2) {
                INDArray mask = masks.get(--m);
                INDArray gLo = g[i];
                INDArray gHi = g[i + 1];
                // lo = m·a + (1 − m)·b, hi = a + b − lo: ∂/∂a = m·g_lo + (1 − m)·g_hi.
                INDArray ga = gLo.sub(gHi).muli(mask).addi(gHi);
                g[i + 1] = gLo.add(gHi).subi(ga);
                g[i] = ga;
            }
        }
        return Nd4j.concat(1, g);
    }

    /** The same compare-exchanges applied to r with the recorded masks. */
    @Override
    public INDArray jvp(INDArray r) {
        INDArray[] v = split(r);
        int m = 0;
        for (int round = 0; round < groupSize(); round++) {
            for (int i = round % 2; i + 1 < groupSize(); i += 2) {
                INDArray mask = masks.get(m++);
                INDArray lo = v[i].sub(v[i + 1]).muli(mask).addi(v[i + 1]);
                v[i + 1] = v[i].add(v[i + 1]).subi(lo);
                v[i] = lo;
            }
        }
        return Nd4j.concat(1, v);
    }

    /** The largest i of a round's pairs (i, i + 1). */
    private int lastStart(int round) {
        int i = round % 2;
        int last = -1;
        while (i + 1 < groupSize()) {
            last = i;
            i += 2;
        }
        return last;
    }

    private int groupSize() {
        return (int) plain().arguments()[0];
    }

    private INDArray[] split(INDArray x) {
        int c = inputShape()[0];
        int g = groupSize();
        INDArray[] v = new INDArray[g];
        for (int j = 0; j < g; j++) {
            v[j] = MaxMin.channels(x, j * c / g, (j + 1) * c / g);
        }
        return v;
    }
}
