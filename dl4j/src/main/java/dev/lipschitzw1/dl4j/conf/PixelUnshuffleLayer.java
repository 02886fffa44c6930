package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.PixelUnshuffle;
import java.util.Objects;

/**
 * Invertible downsampling by r ({@link PixelUnshuffle}), C×H×W → C·r²×(H/r)×(W/r) in PyTorch's channel order
 * <pre>  y[c·r² + i·r + j, h, w] = x[c, h·r + i, w·r + j]  </pre>
 * (DL4J's {@code SpaceToDepthLayer} orders channels (i·r + j)·C + c instead). A permutation: certified bound 1.
 */
public final class PixelUnshuffleLayer extends LipschitzLayerConfig {

    private int factor;

    /** For JSON. */
    protected PixelUnshuffleLayer() {
    }

    /** Downsampling by {@code factor} (checked against the map size by the engine layer). */
    public PixelUnshuffleLayer(int factor) {
        this.factor = factor;
    }

    public int getFactor() {
        return factor;
    }

    @Override
    public LipschitzLayer engineLayer(String name, long seed) {
        return new PixelUnshuffle(name, requireInputShape(), factor);
    }

    @Override
    protected Boolean convolutional() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof PixelUnshuffleLayer p && factor == p.factor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), factor);
    }
}
