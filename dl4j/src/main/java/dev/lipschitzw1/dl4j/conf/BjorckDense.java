package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.BjorckLinear;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.Objects;

/**
 * A dense layer with a Björck-orthonormalised matrix ({@link BjorckLinear}):
 * <pre>  y = Björck(V) x + b,   Björck(V) with orthonormal rows (nOut ≤ nIn) or columns  </pre>
 * 1-Lipschitz, gradient-norm preserving for nOut ≤ nIn. A convolutional input is flattened in (C, H, W) order by
 * DL4J's {@code CnnToFeedForwardPreProcessor}, which this layer asks for.
 */
public final class BjorckDense extends LipschitzLayerConfig {

    private int outFeatures;
    private boolean hasBias = true;
    private BjorckSettings bjorck = BjorckSettings.of(BjorckConfig.TRAINING);

    /** For JSON. */
    protected BjorckDense() {
    }

    /** @throws InvalidConfigException if nOut is below 1 */
    public BjorckDense(int nOut) {
        InvalidConfigException.require(nOut >= 1, "nOut", nOut, "≥ 1");
        this.outFeatures = nOut;
    }

    /** With or without a bias (default with). */
    public BjorckDense bias(boolean b) {
        this.hasBias = b;
        return this;
    }

    /** Björck settings (default {@link BjorckConfig#TRAINING}). */
    public BjorckDense bjorck(BjorckConfig b) {
        this.bjorck = BjorckSettings.of(b);
        return this;
    }

    public int getOutFeatures() {
        return outFeatures;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    public BjorckSettings getBjorck() {
        return bjorck;
    }

    @Override
    public LipschitzLayer engineLayer(String name, long seed) {
        int[] in = requireInputShape();
        InvalidConfigException.require(in.length == 1, name + ".inputShape", java.util.Arrays.toString(in),
                "{D} (vectors)");
        return new BjorckLinear(name, in[0], outFeatures, hasBias, bjorck.toConfig(), seed);
    }

    @Override
    protected Boolean convolutional() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof BjorckDense d && outFeatures == d.outFeatures && hasBias == d.hasBias
                && Objects.equals(bjorck, d.bjorck);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), outFeatures, hasBias, bjorck);
    }
}
