package dev.lipschitzw1.datasets.synthetic;

import dev.lipschitzw1.datasets.ImageDistribution;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;

/**
 * Two image distributions whose Wasserstein-1 distance (L2 on flattened [0, 1] images) is known in closed form:
 * the validation suite of the estimator.
 *
 * @param p the first distribution
 * @param q the second distribution, same shape
 * @param exactW1 W1(P, Q), exact up to float32 rounding of pixel values
 * @param reason why the value is exact, in one sentence (printed in reports)
 */
public record KnownW1Pair(ImageDistribution p, ImageDistribution q, double exactW1, String reason) {
    public KnownW1Pair {
        if (!p.shape().equals(q.shape())) {
            throw new ShapeMismatchException("known-W1 pair " + p.name() + " / " + q.name(), p.shape().toArray(),
                    q.shape().toArray());
        }
        InvalidConfigException.require(exactW1 >= 0 && Double.isFinite(exactW1), "exactW1", exactW1, "finite and ≥ 0");
    }
}
