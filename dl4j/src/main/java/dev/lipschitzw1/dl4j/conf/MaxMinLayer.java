package dev.lipschitzw1.dl4j.conf;

import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.critic.layers.MaxMin;

/**
 * The MaxMin activation ({@link MaxMin}) on [N, C, H, W] or [N, C]: channel c is paired with c + C/2,
 * <pre>  y[c] = max(x[c], x[c + C/2]),   y[c + C/2] = min(x[c], x[c + C/2])  </pre>
 * 1-Lipschitz and gradient-norm preserving; C must be even.
 */
public final class MaxMinLayer extends LipschitzLayerConfig {

    public MaxMinLayer() {
    }

    @Override
    public LipschitzLayer engineLayer(String name, long seed) {
        return new MaxMin(name, requireInputShape());
    }

    @Override
    protected Boolean convolutional() {
        return null;
    }
}
