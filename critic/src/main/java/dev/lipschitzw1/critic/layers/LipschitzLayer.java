package dev.lipschitzw1.critic.layers;

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
