package dev.lipschitzw1.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import dev.lipschitzw1.generator.pretrained.PretrainedGenerator;
import dev.lipschitzw1.generator.pretrained.PretrainedGenerators;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

class DcganGeneratorTest {
    private static final Logger LOG = LoggerFactory.getLogger(DcganGeneratorTest.class);
    /** 1×8×8 from latent 5: 5 → 3×2×2 → 4×4×4 → 1×8×8. */
    static final DcganArchitecture TINY = new DcganArchitecture(5, new ImageShape(1, 8, 8), 2, List.of(3, 4));

    static INDArray uniform(SplittableRandom rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, 2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void deconv2d_isAdjointOfConv2dWithSameYxioWeights_double() {
        SplittableRandom rng = new SplittableRandom(2);
        INDArray w = uniform(rng, 4, 4, 3, 5);
        INDArray x = uniform(rng, 2, 3, 8, 8);
        INDArray y = uniform(rng, 2, 5, 4, 4);
        SameDiff sd = SameDiff.create();
        SDVariable wv = sd.constant("w", w);
        Conv2DConfig cc = Conv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1).paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW").build();
        SDVariable cx = sd.cnn().conv2d(sd.constant("x", x), wv, cc);
        SDVariable dy = sd.cnn().deconv2d(sd.constant("y", y), wv, DcganGenerator.deconvConfig());
        Map<String, INDArray> out = sd.output(new HashMap<>(), cx.name(), dy.name());
        assertArrayEquals(new long[] {2, 5, 4, 4}, out.get(cx.name()).shape(), "conv halves the side");
        assertArrayEquals(new long[] {2, 3, 8, 8}, out.get(dy.name()).shape(), "deconv doubles it, c_out ↔ c_in");
        double left = out.get(cx.name()).mul(y).sumNumber().doubleValue();
        double right = out.get(dy.name()).mul(x).sumNumber().doubleValue();
        assertEquals(left, right, 1e-12 * Math.abs(left), "⟨conv(x), y⟩ = ⟨x, deconv(y)⟩");
    }

    @Test
    void gray28_and_rgb32_outputShapeRangeAndParameterCount() {
        for (DcganArchitecture a : List.of(DcganArchitecture.GRAY_28, DcganArchitecture.RGB_32)) {
            DcganGenerator g = DcganGenerator.initialise(a, 1, DataType.FLOAT);
            INDArray images = g.generate(GaussianLatents.sample(new SplittableRandom(1), 3, a.latentSize()));
            assertArrayEquals(a.output().batchShape(3), images.shape(), "output shape of " + a.output());
            assertEquals(DataType.FLOAT, images.dataType(), "float32");
            assertTrue(images.minNumber().doubleValue() >= 0 && images.maxNumber().doubleValue() <= 1, "in [0, 1]");
            long n = g.parameters().values().stream().mapToLong(INDArray::length).sum();
            assertEquals(a.parameterCount(), n, "parameter count of " + a.output());
        }
        assertEquals(941_249, DcganArchitecture.GRAY_28.parameterCount(), "GRAY_28 parameters");
        assertEquals(1_187_011, DcganArchitecture.RGB_32.parameterCount(), "RGB_32 parameters");
    }

    @Test
    void pullback_matchesFiniteDifferences_double() {
        DcganGenerator g = DcganGenerator.initialise(TINY, 3, DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(8);
        INDArray z = uniform(rng, 3, 5);
        INDArray u = uniform(rng, 3, 1, 8, 8);
        Map<String, INDArray> grads = g.pullback(z, u);
        double num = 0;
        double den = 0;
        double h = 1e-6;
        for (Map.Entry<String, INDArray> e : g.parameters().entrySet()) {
            INDArray p = e.getValue();
            for (long i = 0; i < p.length(); i++) {
                double p0 = p.getDouble(i);
                p.putScalar(i, p0 + h);
                double up = g.forward(z).mul(u).sumNumber().doubleValue();
                p.putScalar(i, p0 - h);
                double down = g.forward(z).mul(u).sumNumber().doubleValue();
                p.putScalar(i, p0);
                double fd = (up - down) / (2 * h);
                double an = grads.get(e.getKey()).getDouble(i);
                num += (fd - an) * (fd - an);
                den += fd * fd;
            }
        }
        double rel = Math.sqrt(num / den);
        LOG.info("generator pullback vs central differences: relative error {}", rel);
        assertTrue(rel <= 1e-6, "Jᵀu vs central differences: relative error " + rel);
    }

    /**
     * Oracle: the SameDiff graph the generators were trained and shipped with. The eager forward runs the same libnd4j
     * operations, so every shipped generator's images must be bit-identical to the graph's, in float (the shipped
     * type), on a batch of the sampling size and on an odd one; and in double on a random generator.
     */
    @Test
    void eagerForward_isBitIdenticalToTheGraph_onEveryShippedGenerator() {
        for (PretrainedGenerator e : PretrainedGenerators.list()) {
            DcganGenerator g = PretrainedGenerators.read(e).toGenerator();
            for (int n : new int[] {GeneratorDistribution.DEFAULT_BATCH, 7}) {
                INDArray z = GaussianLatents.sample(new SplittableRandom(n), n, g.latentSize());
                INDArray graph = g.graphForward(z);
                INDArray eager = g.forward(z);
                assertEquals(graph, eager, e.source() + ", n = " + n);
                assertArrayEquals(graph.data().asInt(), eager.data().asInt(), e.source() + " bits, n = " + n);
            }
        }
        DcganGenerator d = DcganGenerator.initialise(TINY, 3, DataType.DOUBLE);
        INDArray z = uniform(new SplittableRandom(4), 9, 5);
        assertArrayEquals(d.graphForward(z).data().asDouble(), d.forward(z).data().asDouble(), 0.0, "double");
    }

    @Test
    void withParameters_wrongShape_namesTheTensor() {
        Map<String, INDArray> p = new HashMap<>(DcganGenerator.initialise(TINY, 1, DataType.FLOAT).parameters());
        p.put("deconv1.W", Nd4j.zeros(DataType.FLOAT, 4, 4, 3, 4));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> DcganGenerator.withParameters(TINY, p, DataType.FLOAT));
        assertTrue(e.where().contains("deconv1.W"), e.getMessage());
    }

    @Test
    void architecture_inconsistentSide_isRefused() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new DcganArchitecture(8, new ImageShape(1, 28, 28), 4, List.of(8, 4)));
        assertEquals("generator.output", e.key(), e.getMessage());
    }
}
