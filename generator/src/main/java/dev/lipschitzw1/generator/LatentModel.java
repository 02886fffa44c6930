package dev.lipschitzw1.generator;

import dev.lipschitzw1.datasets.ImageShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A deterministic map from latent vectors to images: the part of a generator that {@link GeneratorDistribution}
 * samples through. Implementations: {@link DcganGenerator} and the imported SameDiff and ONNX graphs.
 */
public interface LatentModel {
    /** Length d of one latent vector z ~ N(0, I_d). */
    int latentSize();

    /** The shape C×H×W of one generated image. */
    ImageShape shape();

    /**
     * Maps a batch of latents to images.
     *
     * @param z float32 [n, d] latents
     * @return float32 [n, C, H, W] images with pixel values in [0, 1]
     */
    INDArray generate(INDArray z);

    /**
     * The SHA-256 (64 hex digits) of what defines the map — its architecture and parameters, or its model file and
     * import settings — which, unlike its outputs, does not depend on the thread count or backend build that
     * evaluates it ({@link dev.lipschitzw1.datasets.ImageDistribution#modelDigest()}).
     */
    String digest();
}
