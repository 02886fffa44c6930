package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.GroupSort;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import java.util.Objects;

/**
 * The GroupSort(g) activation ({@link GroupSort}) on [N, C, H, W] or [N, C]: the groups
 * {c, c + C/g, …, c + (g−1)·C/g} are each sorted ascending,
 * <pre>  (y[c], y[c + C/g], …) = sort↑(x[c], x[c + C/g], …)  </pre>
 * 1-Lipschitz and gradient-norm preserving; g must divide C.
 */
public final class GroupSortLayer extends LipschitzLayerConfig {

    private int groupSize;

    /** For JSON. */
    protected GroupSortLayer() {
    }

    /** GroupSort with groups of {@code groupSize} (checked against the channel count by the engine layer). */
    public GroupSortLayer(int groupSize) {
        this.groupSize = groupSize;
    }

    public int getGroupSize() {
        return groupSize;
    }

    @Override
    public LipschitzLayer engineLayer(String name, long seed) {
        return new GroupSort(name, requireInputShape(), groupSize);
    }

    @Override
    protected Boolean convolutional() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof GroupSortLayer g && groupSize == g.groupSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), groupSize);
    }
}
