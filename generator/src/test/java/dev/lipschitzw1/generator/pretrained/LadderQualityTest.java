package dev.lipschitzw1.generator.pretrained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.ot.ExactW1;
import dev.lipschitzw1.datasets.DataSources;
import dev.lipschitzw1.datasets.ImageSet;
import dev.lipschitzw1.generator.GeneratorDistribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality check that can fail: on MNIST the exact W1 (L2 on flattened 1×28×28 images in [0, 1]) between 1,000
 * held-out test images and 1,000 samples decreases strictly along the ladder early → middle → final, and the final
 * one is below the early one by at least {@link #MARGIN}. The test images are the bundled MNIST test set (never seen
 * in training, which used the 60,000 training images), split with a fixed seed; samples use a fixed seed.
 */
class LadderQualityTest {
    /** Required W1(early) − W1(final): measured 1.945 (8.891 − 6.946, docs/generators.md), so 1.0 leaves room. */
    static final double MARGIN = 1.0;
    static final int N = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(LadderQualityTest.class);

    static double[][] rows(INDArray images) {
        INDArray flat = images.reshape(images.size(0), -1).castTo(DataType.DOUBLE);
        double[][] out = new double[(int) flat.size(0)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.getRow(i).toDoubleVector();
        }
        return out;
    }

    @Test
    void mnistLadder_exactW1ToHeldOutTestImages_decreasesStrictly() {
        ImageSet heldOut = DataSources.bundledMnistTest().split(0.1, 20261126L).heldOut();
        double[][] test = new double[N][];
        for (int i = 0; i < N; i++) {
            test[i] = heldOut.imageAsDoubles(i);
        }
        Map<String, Double> w1 = new LinkedHashMap<>();
        for (String level : new String[] {"early", "middle", "final"}) {
            GeneratorDistribution g = PretrainedGenerators.load("mnist", level);
            w1.put(level, ExactW1.between(test, rows(g.sample(N, new SplittableRandom(7)))).value());
        }
        LOG.info("exact W1 (mnist test, n = {}) along the ladder: {}", N, w1);
        assertTrue(w1.get("early") > w1.get("middle") && w1.get("middle") > w1.get("final"),
                "W1 decreases strictly early → middle → final: " + w1);
        assertTrue(w1.get("early") - w1.get("final") >= MARGIN, "final below early by ≥ " + MARGIN + ": " + w1);
    }
}
