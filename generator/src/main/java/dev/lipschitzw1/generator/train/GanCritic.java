package dev.lipschitzw1.generator.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The critic half of a Wasserstein GAN run ({@link WganGpTrainer}): a network f with its optimiser, updated n_critic
 * times per generator step on mean f(fake) − mean f(real) (plus its penalty, if any), and the input gradient ∇ₓf that
 * the generator step descends through. Mutable (training); not thread-safe.
 */
sealed interface GanCritic permits DiscriminatorCritic, BcopGanCritic {

    /**
     * One critic update's terms, all before the update.
     *
     * @param wasserstein mean f(real) − mean f(fake) on the batch: the critic's W1 estimate
     * @param penalty λ·penalty, 0 without one
     * @param gradientNorm mean ‖∇ₓf‖ at the penalty's interpolates; NaN without a penalty (not computed)
     */
    record Update(double wasserstein, double penalty, double gradientNorm) {
    }

    CriticKind kind();

    /**
     * One optimiser step on a batch pair; extra randomness (the penalty's interpolation weights) is drawn from
     * {@code rng} after the caller's draws of this update.
     *
     * @param real [B, C, H, W] data images
     * @param fake [B, C, H, W] generated images
     * @param step the generator step, for error messages
     * @throws dev.lipschitzw1.errors.NumericalFailureException if the loss is not finite
     */
    Update update(INDArray real, INDArray fake, SplittableRandom rng, int step);

    /** ∇ₓf(x_i) per image, [n, C, H, W], in the images' data type: a new array the caller owns. */
    INDArray inputGradient(INDArray images);

    /** Copies of the trainable parameters by name. */
    Map<String, INDArray> parameters();

    /** Optimiser updates done so far. */
    long optimiserSteps();

    /** The optimiser's moments by group ("m", "v"; "m" is empty for RMSprop) and parameter name: copies. */
    Map<String, Map<String, INDArray>> moments();

    /** Restores parameters and optimiser state saved by {@link #parameters}, {@link #optimiserSteps}, {@link #moments}. */
    void restore(Map<String, INDArray> parameters, long optimiserSteps, Map<String, Map<String, INDArray>> moments);

    /** A short name of the training method for generator files, e.g. {@code WGAN-GP (GP, λ = 50.0)}. */
    String trainerName();

    /**
     * Provenance of the critic as it is now, added to generator files and checkpoints: nothing for the WGAN-GP
     * discriminator; for the BCOP critic its kind, parameter count and certified bound (computed now).
     */
    void describe(ObjectNode info);
}
