package dev.lipschitzw1.critic.layers;

import dev.lipschitzw1.errors.UnsupportedLayerException;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a critic with an eager forward and backward pass in ND4J ops, materialised for certification.
 *
 * <p>Conventions: activations are NCHW ({@code [N, C, H, W]}) or {@code [N, D]}; shapes given here are per sample
 * ({@code {C, H, W}} or {@code {D}}) and fixed at construction, so that the certifier knows the map size each
 * convolution acts on. {@link #initialise} creates the parameters in a data type with a deterministic seeded
 * initialisation, as {@link Parameter}s named {@code name() + "/" + …}.
 *
 * <p>One training step, all inside the caller's workspace:
 * <pre>
 *   prepare(true)            weights used by the forward pass, built once from the parameters (BCOP kernel, Björck)
 *   y = forward(x)           keeps what backward needs (the input, masks)
 *   dx = backward(dy, true)  dL/dx, and dL/d(used weights) accumulated
 *   finishBackward()         dL/d(used weights) → dL/dθ, added to each Parameter's gradient
 * </pre>
 * For the gradient penalty, {@link #jvp} and {@link #accumulateBilinear} give the layer's Jacobian J (at the last
 * forward input) applied forwards and the parameter gradient of ⟨J_θ r, u⟩; only the gradient-penalty critic's layers
 * implement them.
 *
 * <p>Guarantee: {@link #export} returns the weights the forward pass actually uses (after any orthogonalisation or
 * normalisation), and the certified Lipschitz constant of the layer is that of the exported record
 * ({@link PlainLayer#forward} reproduces {@link #forward} in double). Layers are mutable and not thread-safe: a
 * critic owns its layers.
 */
public interface LipschitzLayer {

    /** Unique name inside a critic, the prefix of its parameter names (e.g. {@code stage2.conv}). */
    String name();

    /** The construction, for reports: {@code BCOP}, {@code RKO}, {@code OSSN}, {@code MaxMin}, … */
    String kind();

    /** Per-sample input shape {@code {C, H, W}} or {@code {D}}. */
    int[] inputShape();

    /** Per-sample output shape {@code {C, H, W}} or {@code {D}}. */
    int[] outputShape();

    /** Creates the parameters and state in {@code dataType} from the layer's seed (once, before anything else). */
    default void initialise(DataType dataType) {
    }

    /** The trainable parameters, in a fixed order; empty for parameter-free layers. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Persistent arrays that are not trained but define the layer's function (OSSN's power-iteration vectors u, v), by
     * full name: saved, restored and kept-best together with the parameters. The arrays are the layer's own.
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /**
     * Builds the weights the forward pass uses from the current parameters, in the current workspace; with
     * {@code training}, keeps what {@link #finishBackward} needs and clears the accumulated weight gradient.
     */
    default void prepare(boolean training) {
    }

    /**
     * y = layer(x) with the prepared weights.
     *
     * @param x [N, inputShape…]
     * @return [N, outputShape…]
     */
    INDArray forward(INDArray x);

    /**
     * dL/dx for dL/dy = {@code gradOut} at the last {@link #forward} input; with {@code accumulate}, also adds the
     * gradient of the used weights (to be turned into parameter gradients by {@link #finishBackward}).
     */
    INDArray backward(INDArray gradOut, boolean accumulate);

    /** Turns the accumulated gradient of the used weights into parameter gradients ({@link Parameter#accumulate}). */
    default void finishBackward() {
    }

    /**
     * J r: the layer's Jacobian at the last forward input applied to r (the linear part: no bias), [N, outputShape…].
     *
     * @throws UnsupportedLayerException if the layer is not one of the gradient-penalty critic's
     */
    default INDArray jvp(INDArray r) {
        throw unsupported();
    }

    /**
     * Adds ∂⟨J_θ r, u⟩/∂θ to the used-weight gradient (J_θ the Jacobian of {@link #jvp}, u [N, outputShape…]): the
     * parameter gradient of a loss on the input gradient, as the gradient penalty needs. Zero for parameter-free
     * layers (their Jacobian is piecewise constant).
     *
     * @throws UnsupportedLayerException if the layer is not one of the gradient-penalty critic's
     */
    default void accumulateBilinear(INDArray r, INDArray u) {
        throw unsupported();
    }

    /** Materialises the layer from its current weights, in double precision. */
    PlainLayer export();

    /** Called by the trainer before each training step's forward pass (e.g. OSSN's power iteration). */
    default void beforeTrainingStep() {
    }

    /** Called by the trainer after each optimiser update (e.g. OSSN's in-place projection). */
    default void afterTrainingStep() {
    }

    private UnsupportedLayerException unsupported() {
        return new UnsupportedLayerException(name(), kind(), "a Jacobian–vector product",
                "the gradient penalty needs it: use the GP critic (plain convs, LeakyReLU, dense head)");
    }
}
