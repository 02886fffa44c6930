package dev.lipschitzw1.critic.layers.conv.ossn;

import dev.lipschitzw1.errors.InvalidConfigException;

/**
 * Settings of {@link OssnConv2d}.
 *
 * @param powerIterations power-iteration steps (v = Aᵀu/‖Aᵀu‖, u = Av/‖Av‖) run once per training step, ≥ 1
 * @param mode            where the division by max(1, σ̂) happens
 */
public record OssnConfig(int powerIterations, Mode mode) {

    /** Where the weights are divided by max(1, σ̂). */
    public enum Mode {
        /**
         * Inside the forward pass: the layer uses W / max(1, σ̂(W)) with σ̂(W) = ⟨u, A_W v⟩ for the stored u, v, and
         * gradients flow through σ̂ (LConvNet's {@code OSSN} class: {@code during_forward_pass=True},
         * {@code through_scaling=True}; their WDE runs).
         */
        IN_FORWARD,
        /**
         * Projected gradient: the layer uses W as stored, and after each optimiser step W ← W / max(1, σ̂(W))
         * in place (LConvNet's {@code SpectralNormConv2d} default, {@code during_forward_pass=False}).
         */
        IN_PLACE
    }

    /** One power-iteration step per training step, division inside the forward pass (this project's default). */
    public static final OssnConfig DEFAULT = new OssnConfig(1, Mode.IN_FORWARD);

    /** LConvNet's WDE runs ({@code OSSN n_iters: 10}): ten steps per forward pass, division inside the forward pass. */
    public static final OssnConfig LCONVNET = new OssnConfig(10, Mode.IN_FORWARD);

    /** @throws InvalidConfigException if powerIterations &lt; 1 or the mode is missing */
    public OssnConfig {
        InvalidConfigException.require(powerIterations >= 1, "ossn.powerIterations", powerIterations, "an integer ≥ 1");
        InvalidConfigException.require(mode != null, "ossn.mode", null, "IN_FORWARD or IN_PLACE");
    }
}
