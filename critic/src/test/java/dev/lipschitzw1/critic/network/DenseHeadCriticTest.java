package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipschitzw1.critic.GradientCheck;
import dev.lipschitzw1.critic.layers.LipschitzLayer;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.json.JsonMappers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Critics with hidden dense layers after the flatten ({@link CriticConfig#withHead}), in a small float64 version of
 * the quick shape (1×8×8, two stages, a head of two 6-wide layers). Oracles: finite differences for every parameter
 * gradient, the exported layers' exact certificate (≤ 1 + 1e-4 for the constrained kinds) and a sampled Lipschitz
 * attack below it, the export's double forward for the graph's scores, and the head-less critic of the same seed for
 * the conv parameters (hidden layers draw their seeds after the convs, so adding a head changes nothing before it).
 */
class DenseHeadCriticTest {

    private static final ImageShape SHAPE = new ImageShape(1, 8, 8);

    private static CriticConfig small(CriticConfig.Variant v) {
        return CriticConfig.quick(SHAPE).withVariant(v).withSize(2, 2).withHead(2, 6)
                .withPrecision(CriticConfig.Precision.FLOAT64).withSeed(5);
    }

    @Test
    void head_layersInOrder_widthsAndActivations() {
        List<String> names = Critic.create(small(CriticConfig.Variant.BCOP)).layers().stream()
                .map(LipschitzLayer::name).toList();
        int flatten = names.indexOf("flatten");
        assertEquals(List.of("flatten", "hidden1", "hidden1.act", "hidden2", "hidden2.act", "head"),
                names.subList(flatten, names.size()), "the head after the flatten");
        List<LipschitzLayer> layers = Critic.create(small(CriticConfig.Variant.BCOP)).layers();
        assertArrayEquals(new int[] {6}, layers.get(flatten + 1).outputShape(), "hidden1 width");
        assertArrayEquals(new int[] {1}, layers.get(layers.size() - 1).outputShape(), "scalar output");
    }

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = {"BCOP", "RKO", "GP"})
    void head_parameterGradientsMatchFiniteDifferences_float64(CriticConfig.Variant v) {
        Critic critic = Critic.create(small(v));
        INDArray x = CriticTestData.images(4, SHAPE, 3, 0).castTo(DataType.DOUBLE);
        INDArray w = Nd4j.createFromArray(new double[] {0.7, -1.1, 0.4}).reshape(3, 1);
        Map<String, GradientCheck.Result> r = CriticGradientTesting.check(critic, x, w, 4, 5);
        assertTrue(r.keySet().stream().anyMatch(k -> k.startsWith("hidden1/")), "hidden parameters: " + r.keySet());
        for (var e : r.entrySet()) {
            assertTrue(e.getValue().maxRelError() <= 1e-5, v + " " + e.getKey() + ": " + e.getValue());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CriticConfig.Variant.class, names = {"BCOP", "RKO", "CAYLEY"})
    void head_certifiedAtMostOne_exportReproducesForward_attackStaysBelow(CriticConfig.Variant v) {
        LipschitzConvCriticsTest.assertCertifiedExportedAndAttacked(Critic.create(small(v)), v + " with a head", 3);
    }

    @Test
    void head_leavesTheConvParametersOfTheSameSeedUnchanged() {
        Map<String, INDArray> with = Critic.create(small(CriticConfig.Variant.BCOP)).parameters();
        Map<String, INDArray> without = Critic.create(small(CriticConfig.Variant.BCOP).withHead(0, 0)).parameters();
        for (var e : without.entrySet()) {
            if (!e.getKey().startsWith("head/")) {
                assertEquals(e.getValue(), with.get(e.getKey()), e.getKey());
            }
        }
        assertTrue(with.containsKey("hidden2/V"), "hidden parameters: " + with.keySet());
    }

    @Test
    void head_jsonRoundTrip_andAConfigWrittenBeforeHeadsExistedReadsAsNone() {
        CriticConfig c = small(CriticConfig.Variant.BCOP);
        assertEquals(c, CriticConfig.fromJson(c.toJson()), "round trip");
        String old = CriticConfig.quick(SHAPE).toJson().replaceAll("\\s*\"head(Layers|Width)\" : 0,", "");
        assertTrue(!old.contains("head"), old);
        assertEquals(CriticConfig.quick(SHAPE), CriticConfig.fromJson(old), "missing fields: no head");
        // Generator jobs and archives embed critic configs and read them with a mapper that refuses absent primitives.
        ObjectMapper strict = JsonMappers.create().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        assertEquals(CriticConfig.quick(SHAPE), assertDoesNotThrow(() -> strict.readValue(old, CriticConfig.class)),
                "missing fields under FAIL_ON_NULL_FOR_PRIMITIVES: no head");
    }

    @Test
    void head_badSizes_namedField() {
        CriticConfig q = CriticConfig.quick(SHAPE);
        assertEquals("critic.headWidth", assertThrows(InvalidConfigException.class, () -> q.withHead(1, 5)).key(),
                "odd width with MaxMin");
        assertEquals("critic.headWidth", assertThrows(InvalidConfigException.class, () -> q.withHead(0, 8)).key(),
                "a width without layers");
        assertEquals("critic.headLayers", assertThrows(InvalidConfigException.class, () -> q.withHead(5, 8)).key());
    }
}
