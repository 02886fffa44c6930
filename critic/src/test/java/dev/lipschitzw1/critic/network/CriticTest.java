package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import dev.lipschitzw1.errors.ShapeMismatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class CriticTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void critic_forwardEqualsMaterialisedDoubleForward_allVariants_float64() {
        for (CriticConfig.Variant v : CriticConfig.Variant.values()) {
            CriticConfig cfg = CriticConfig.quick(new ImageShape(1, 12, 12)).withVariant(v).withSize(4, 2)
                    .withPrecision(CriticConfig.Precision.FLOAT64);
            Critic critic = Critic.create(cfg);
            INDArray x = CriticTestData.images(3, cfg.input(), 4, 0.0);
            INDArray f = critic.forward(x);
            List<PlainLayer> plain = critic.materialise();
            for (int i = 0; i < 4; i++) {
                assertEquals(CriticTestData.plainForward(plain, CriticTestData.sample(x, i)), f.getDouble(i), 1e-12,
                        v + ": graph score vs export evaluated in double, sample " + i);
            }
        }
    }

    @Test
    void critic_saveLoad_identicalScores_bcopAndOssnAfterTraining(@TempDir Path dir) {
        for (CriticConfig.Variant v : new CriticConfig.Variant[] {CriticConfig.Variant.BCOP, CriticConfig.Variant.OSSN}) {
            Critic critic = Critic.create(CriticConfig.quick(MNIST).withVariant(v).withSize(4, 2).withSeed(9));
            CriticTrainer trainer = new CriticTrainer(critic, OptimiserConfig.rmsprop(1e-2));
            for (int i = 0; i < 2; i++) {
                trainer.step(CriticTestData.images(i, MNIST, 8, 0), CriticTestData.images(10 + i, MNIST, 8, 0.3));
            }
            Path file = dir.resolve(v + ".critic");
            critic.save(file);
            Critic loaded = Critic.load(file);
            assertEquals(critic.config(), loaded.config(), v + ": config round trip");
            INDArray x = CriticTestData.images(77, MNIST, 5, 0.0);
            assertArrayEquals(critic.forward(x).toDoubleVector(), loaded.forward(x).toDoubleVector(), 0.0,
                    v + ": scores after save → load");
            assertEquals(critic.certify().networkBound(), loaded.certify().networkBound(), 0.0, v + ": certificate");
        }
    }

    @Test
    void critic_load_corruptFile_namesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.critic");
        Files.writeString(file, "not a zip");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Critic.load(file));
        assertEquals(file, e.file(), "exception names the file");
    }

    @Test
    void critic_forward_wrongImageShape_throwsShapeMismatch() {
        Critic critic = Critic.create(CriticConfig.quick(MNIST).withSize(4, 1));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> critic.forward(CriticTestData.images(1, new ImageShape(1, 32, 32), 2, 0)));
        assertArrayEquals(new int[] {2, 1, 32, 32}, e.found(), "found shape");
    }

    @Test
    void criticConfig_jsonRoundTrip_presetsAndVariants() {
        List<CriticConfig> configs = List.of(CriticConfig.quick(MNIST), CriticConfig.paper(new ImageShape(3, 32, 32)),
                CriticConfig.quick(MNIST).withVariant(CriticConfig.Variant.GP),
                CriticConfig.quick(MNIST).withOssn(new OssnConfig(3, OssnConfig.Mode.IN_PLACE))
                        .withBjorck(BjorckConfig.CERTIFICATION).withConvPadding(Padding.ZERO).withSeed(-5));
        for (CriticConfig c : configs) {
            assertEquals(c, CriticConfig.fromJson(c.toJson()), "JSON round trip of " + c);
        }
        assertEquals(64, CriticConfig.paper(new ImageShape(3, 32, 32)).width(), "paper width");
        assertEquals(2, CriticConfig.paper(new ImageShape(3, 32, 32)).upsample(), "paper upsampling 32 → 64");
    }

    @Test
    void criticConfig_tooDeepForMap_throwsNamingKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> CriticConfig.quick(MNIST).withSize(16, 6));
        assertEquals("critic.depth", e.key(), "key");
    }

    @Test
    void paperCritic_hasTheAuthorsShape_cifar() {
        List<PlainLayer> shapes = Critic.create(CriticConfig.paper(new ImageShape(3, 32, 32)).withSize(4, 4))
                .materialise();
        assertArrayEquals(new int[] {3, 64, 64}, shapes.get(0).outputShape(), "upsampled to 64×64 (no padding)");
        assertArrayEquals(new int[] {12, 32, 32}, shapes.get(1).outputShape(), "first unshuffle");
        assertEquals(DataType.FLOAT, Critic.create(CriticConfig.quick(MNIST)).forward(
                CriticTestData.images(1, MNIST, 1, 0)).dataType(), "float32 by default");
    }
}
