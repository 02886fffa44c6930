package dev.lipschitzw1.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.NumericalFailureException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GeneratorDistributionTest {
    private static final DcganGenerator G = DcganGenerator.initialise(DcganArchitecture.GRAY_28, 5, DataType.FLOAT);

    @Test
    void sameSeed_identicalSamples_differentSeed_differ() {
        GeneratorDistribution d = new GeneratorDistribution("g", G, 64);
        INDArray a = d.sample(150, new SplittableRandom(1));
        INDArray b = d.sample(150, new SplittableRandom(1));
        INDArray c = d.sample(150, new SplittableRandom(2));
        assertEquals(a, b, "same seed: identical samples, value by value");
        assertNotEquals(a, c, "another seed: other samples");
        assertArrayEquals(new long[] {150, 1, 28, 28}, a.shape(), "shape [n, C, H, W]");
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1, "values in [0, 1]");
    }

    @Test
    void sampleIsTheLatentsInOrder_batchBoundariesInvisible() {
        GeneratorDistribution d = new GeneratorDistribution("g", G, 64);
        INDArray all = d.sample(130, new SplittableRandom(7));
        INDArray z = GaussianLatents.sample(new SplittableRandom(7), 130, 128);
        INDArray tail = G.generate(z.get(NDArrayIndex.interval(128, 130), NDArrayIndex.all()));
        INDArray want = all.get(NDArrayIndex.interval(128, 130));
        assertTrue(want.sub(tail).amaxNumber().doubleValue() <= 1e-6, "image 128 is G(z₁₂₈), whatever the batch");
    }

    @Test
    void continuingTheSameRng_givesFreshImages() {
        GeneratorDistribution d = new GeneratorDistribution("g", G);
        SplittableRandom rng = new SplittableRandom(3);
        assertNotEquals(d.sample(4, rng), d.sample(4, rng), "the rng advances");
    }

    @Test
    void modelOutOfRange_isTypedError() {
        LatentModel bad = model(new ImageShape(1, 2, 2), z -> Nd4j.ones(DataType.FLOAT, z.size(0), 1, 2, 2).muli(1.5));
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> new GeneratorDistribution("bad", bad).sample(3, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void modelWrongShape_isTypedError() {
        LatentModel bad = model(new ImageShape(1, 2, 2), z -> Nd4j.zeros(DataType.FLOAT, z.size(0), 1, 3, 3));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> new GeneratorDistribution("bad", bad).sample(3, new SplittableRandom(1)));
        assertArrayEquals(new int[] {3, 1, 3, 3}, e.found(), "found shape");
    }

    private static LatentModel model(ImageShape shape, java.util.function.UnaryOperator<INDArray> f) {
        return new LatentModel() {
            @Override
            public int latentSize() {
                return 4;
            }

            @Override
            public ImageShape shape() {
                return shape;
            }

            @Override
            public String digest() {
                return "0".repeat(64);
            }

            @Override
            public INDArray generate(INDArray z) {
                return f.apply(z);
            }
        };
    }
}
