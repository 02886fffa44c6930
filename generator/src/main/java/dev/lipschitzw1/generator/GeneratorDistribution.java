package dev.lipschitzw1.generator;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A generator as an {@link ImageDistribution}: image i of a sample is G(zᵢ) with zᵢ ~ N(0, I) drawn by
 * {@link GaussianLatents} from the caller's random generator. Deterministic for the generator's state: the same
 * {@code SplittableRandom} state gives the same images, bit for bit, on the same backend and thread count.
 *
 * <p>Batched: latents are drawn and pushed through the model {@link #batchSize()} at a time, so beyond the [n, C, H, W]
 * result the caller keeps, at most one batch of latents and one batch of images exist at once. Every batch is checked:
 * its shape must be [b, C, H, W] and every value in [0, 1] (NaN fails), else a typed error names the generator.
 */
public final class GeneratorDistribution implements ImageDistribution {
    /** Latents pushed through the model at once by default: 256 (1×28×28: 0.8 MB of images per batch). */
    public static final int DEFAULT_BATCH = 256;

    private final String name;
    private final LatentModel model;
    private final int batchSize;

    /**
     * @param name a short name for reports, e.g. {@code generator:mnist@final}
     * @param model the latent-to-image map
     * @param batchSize latents per forward pass (≥ 1); the samples do not depend on it up to the backend's rounding
     *                  of batched matrix products, and are bit-identical for a fixed batch size
     */
    public GeneratorDistribution(String name, LatentModel model, int batchSize) {
        InvalidConfigException.require(name != null && !name.isBlank(), "generator.name", name, "a name");
        InvalidConfigException.require(model != null, "generator.model", null, "a model");
        InvalidConfigException.require(batchSize >= 1, "generator.batchSize", batchSize, "≥ 1");
        this.name = name;
        this.model = model;
        this.batchSize = batchSize;
    }

    /** With {@link #DEFAULT_BATCH}. */
    public GeneratorDistribution(String name, LatentModel model) {
        this(name, model, DEFAULT_BATCH);
    }

    @Override
    public ImageShape shape() {
        return model.shape();
    }

    @Override
    public String name() {
        return name;
    }

    /** The latent-to-image map behind this distribution. */
    public LatentModel model() {
        return model;
    }

    /** Latents pushed through the model at once. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Draws n images: latents in order from {@code rng} (⌈d/2⌉ Box–Muller pairs per image), generated batch by batch.
     *
     * @return float32 [n, C, H, W] with values in [0, 1]
     * @throws ShapeMismatchException if the model returns another shape than it declares
     * @throws NumericalFailureException if the model returns a value outside [0, 1] or NaN
     */
    @Override
    public INDArray sample(int n, SplittableRandom rng) {
        InvalidConfigException.require(n >= 0, "sample.n", n, "≥ 0");
        ImageShape shape = model.shape();
        INDArray out = Nd4j.create(DataType.FLOAT, shape.batchShape(n));
        for (int from = 0; from < n; from += batchSize) {
            int b = Math.min(batchSize, n - from);
            INDArray images = model.generate(GaussianLatents.sample(rng, b, model.latentSize()));
            long[] want = shape.batchShape(b);
            if (!Arrays.equals(want, images.shape())) {
                throw new ShapeMismatchException("generator " + name + " output", Arrays.stream(want).mapToInt(
                        v -> (int) v).toArray(), Arrays.stream(images.shape()).mapToInt(v -> (int) v).toArray());
            }
            checkRange(images, from);
            out.get(NDArrayIndex.interval(from, from + b)).assign(images);
        }
        return out;
    }

    private void checkRange(INDArray images, int from) {
        double min = images.minNumber().doubleValue();
        double max = images.maxNumber().doubleValue();
        if (!(min >= 0.0 && max <= 1.0)) {
            double bad = Double.isNaN(min) || Double.isNaN(max) ? Double.NaN : (min < 0 ? min : max);
            throw new NumericalFailureException("generator " + name + " output (images " + from + "…)", 0, bad,
                    "a generator must return pixel values in [0, 1]; check the model's output activation or the "
                            + "import's range rule (docs/generators.md)");
        }
    }

    /** The model's {@link LatentModel#digest()}: a generator is identified by its parameters, not its samples. */
    @Override
    public String modelDigest() {
        return model.digest();
    }

    @Override
    public String toString() {
        return name + " (" + shape() + ", latent " + model.latentSize() + ")";
    }
}
