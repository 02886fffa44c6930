package dev.lipschitzw1.datasets;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A distribution over images of one shape that can be sampled: a finite set (a data set, a split of one) or a
 * sampleable model (a generator). Images are float NCHW with pixel values in [0, 1]; W1 between two distributions
 * is always taken with respect to the Euclidean distance between flattened images in that scale.
 *
 * <p>Sampling is deterministic given the random generator's state, so one seed reproduces a whole experiment.
 */
public interface ImageDistribution {
    /** The shape C×H×W of every image. */
    ImageShape shape();

    /**
     * Draws n images i.i.d. from the distribution (for a finite set: uniformly, with replacement).
     *
     * @return a new float32 array of shape [n, C, H, W] with values in [0, 1]
     */
    INDArray sample(int n, SplittableRandom rng);

    /** A short human-readable name, e.g. {@code mnist-test} or {@code translate(mnist-test, |v|=1.5)}. */
    String name();

    /**
     * The SHA-256 (64 hex digits) of what defines this distribution when its samples are not exact functions of the
     * seed: a neural generator's images depend on the floating-point evaluation order (thread count, backend build),
     * so it is identified by its parameters instead. Null (the default) when the samples are exact, as for finite
     * sets and the synthetic distributions; {@code provenance.SourceDigest} then hashes images.
     */
    default String modelDigest() {
        return null;
    }
}
