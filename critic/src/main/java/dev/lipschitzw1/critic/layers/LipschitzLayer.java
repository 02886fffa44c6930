package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One layer of a critic that adds its operations to a SameDiff graph and can be materialised for certification.
 *
 * <p>Conventions: activations are NCHW ({@code [N, C, H, W]}) or {@code [N, D]}; shapes given here are per sample
 * ({@code {C, H, W}} or {@code {D}}) and fixed at construction, so that the certifier knows the map size each
 * convolution acts on. Parameters are created by {@link #apply} with the input's dtype and a deterministic seeded
 * initialisation, as SameDiff variables named {@code name() + "/" + …}. A layer holds no graph state: applying it to
 * several graphs creates independent, identically initialised variables in each (the critic does this for its
 * input-gradient graph).
 *
 * <p>Guarantee: {@link #export} returns the weights the forward pass actually uses (after any orthogonalisation or
 * normalisation), and the certified Lipschitz constant of the layer is that of the exported record
 * ({@link PlainLayer#forward} reproduces {@link #apply} in double).
 */
public interface LipschitzLayer {

    /** Unique name inside a critic, the prefix of its variable names (e.g. {@code stage2.conv}). */
    String name();

    /** The construction, for reports: {@code BCOP}, {@code RKO}, {@code OSSN}, {@code MaxMin}, … */
    String kind();

    /** Per-sample input shape {@code {C, H, W}} or {@code {D}}. */
    int[] inputShape();

    /** Per-sample output shape {@code {C, H, W}} or {@code {D}}. */
    int[] outputShape();

    /**
     * Adds this layer to {@code sd} and returns its output.
     *
     * @param x input {@code [N, inputShape…]}; its dtype becomes the dtype of the parameters
     */
    SDVariable apply(SameDiff sd, SDVariable x);

    /**
     * Adds the vector–Jacobian product of this layer at {@code x} to {@code sd}: with y = layer(x) and a cotangent u of
     * the output's shape,
     * <pre>  inputVjp(x, u) = J_y(x)ᵀ u,   i.e.  ∇ₓ ⟨u, layer(x)⟩  per sample  </pre>
     * built from ordinary forward ops that SameDiff differentiates once (it cannot differentiate its own
     * {@code *_bp} ops), so that a loss on an input gradient — the gradient penalty — can be differentiated with
     * respect to the parameters. Derivatives of piecewise-linear activations enter as stop-gradient masks (their own
     * derivative is 0 almost everywhere). Must be called after {@link #apply} on the same graph with the same
     * {@code x}: it reuses the parameters that call created.
     *
     * @param x        this layer's input [N, inputShape…] as passed to {@link #apply}, or a slice of its rows (the
     *                 penalised step takes the interpolate rows only)
     * @param upstream cotangent [N, outputShape…], with as many rows as {@code x}
     * @return [N, inputShape…]
     * @throws UnsupportedLayerException if the layer has no explicit VJP (only the gradient-penalty critic's layers
     *                                   implement it: ZeroPad, NearestUpsample, PixelUnshuffle, Conv2d, LeakyRelu,
     *                                   Flatten, Dense)
     */
    default SDVariable inputVjp(SameDiff sd, SDVariable x, SDVariable upstream) {
        throw new UnsupportedLayerException(name(), kind(), "an explicit input vector–Jacobian product",
                "the gradient penalty needs it: use the GP critic (plain convs, LeakyReLU, dense head)");
    }

    /** Materialises the layer from the current values of its variables in {@code sd}, in double precision. */
    PlainLayer export(SameDiff sd);

    /** Names of the trainable variables this layer created in {@link #apply}; empty for parameter-free layers. */
    default List<String> parameterNames() {
        return List.of();
    }

    /** Called by the trainer before each training step's forward pass (e.g. OSSN's power iteration). */
    default void beforeTrainingStep(SameDiff sd) {
    }

    /** Called by the trainer after each optimiser update (e.g. OSSN's in-place projection). */
    default void afterTrainingStep(SameDiff sd) {
    }
}
