package dev.lipschitzw1.critic.estimate;

import dev.lipschitzw1.critic.network.CriticConfig;
import dev.lipschitzw1.critic.network.OptimiserConfig;
import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import java.util.SplittableRandom;

/** Small image sets and fast estimator settings shared by the estimator tests. */
final class EstimatorTestData {
    static final ImageShape SMALL = new ImageShape(1, 8, 8);

    private EstimatorTestData() {
    }

    /** n random 8-bit images of {@link #SMALL} shape, brighter on average by {@code bias} (0–255). */
    static ImageSet randomImages(String name, int n, int bias, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * SMALL.values()];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, rng.nextInt(200) + bias);
        }
        return new ByteImageSet(name, SMALL, px);
    }

    /**
     * A listener that kills the estimate (throws IllegalStateException "killed") when a run whose label starts with
     * {@code runPrefix} ("" for any run) ends epoch {@code epoch}, after its checkpoint was saved: a kill mid-run.
     */
    static ProgressListener killerAt(String runPrefix, int epoch) {
        return new ProgressListener() {
            @Override
            public void epoch(String run, EpochRecord record) {
                if (run.startsWith(runPrefix) && record.epoch() == epoch) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }

    /** A tiny BCOP critic (width 4, depth 2) and a short schedule: mechanics, not accuracy. */
    static EstimatorConfig tiny(ImageShape shape, int epochs, int iters, int seeds) {
        CriticConfig critic = CriticConfig.quick(shape).withSize(4, 2);
        return new EstimatorConfig("test", critic, OptimiserConfig.rmsprop(5e-3), 0.9, epochs, iters, 16, 40, 40,
                seeds, 7, true, true, false, null, null, null);
    }
}
