package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One side of an estimation: where training batches come from, and the fixed validation and test samples.
 * A finite set is split three ways, disjointly, by a seeded shuffle (test, then validation, the rest for training);
 * a sampleable model gives fresh training batches and two fixed samples drawn from their own seeded streams.
 */
record SampleSplits(ImageDistribution train, long trainSize, INDArray validation, INDArray test) {

    static SampleSplits of(ImageDistribution d, int validationSize, int testSize, long seed) {
        if (d instanceof ImageSet set) {
            int n = set.size();
            InvalidConfigException.require(n >= validationSize + testSize + 2, "samples of " + set.name(), n,
                    "at least validationSize + testSize + 2 = " + (validationSize + testSize + 2)
                            + " images (lower --validation-size / --test-size)");
            ImageSet.Split first = set.split((double) testSize / n, seed);
            ImageSet rest = first.train();
            ImageSet.Split second = rest.split((double) validationSize / rest.size(), seed + 1);
            return new SampleSplits(second.train(), second.train().size(), all(second.heldOut()), all(first.heldOut()));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray validation = d.sample(validationSize, rng.split());
        INDArray test = d.sample(testSize, rng.split());
        return new SampleSplits(d, -1, validation, test);
    }

    /** The number of training images {@link #of} leaves of a finite set (−1 for a sampleable model). */
    static long trainSizeOf(ImageDistribution d, int validationSize, int testSize) {
        return d instanceof ImageSet set ? set.size() - validationSize - testSize : -1;
    }

    private static INDArray all(ImageSet set) {
        return set.range(0, set.size());
    }
}
