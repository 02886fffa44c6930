package dev.lipschitzw1.critic.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipschitzw1.critic.certify.Padding;
import dev.lipschitzw1.critic.layers.PlainLayer;
import dev.lipschitzw1.critic.layers.conv.ossn.OssnConfig;
import dev.lipschitzw1.critic.orthogonal.BjorckConfig;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
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
    void critic_load_badFiles_typedErrorNamingFileAndDefect(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        Critic.create(CriticConfig.quick(new ImageShape(1, 8, 8)).withSize(2, 1)).save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path missing = dir.resolve("missing.zip");
        DataIoException io = assertThrows(DataIoException.class, () -> Critic.load(missing));
        assertEquals(missing, io.file(), "missing file named");
        assertThrows(DataIoException.class, () -> Critic.load(dir), "a directory");

        Path random = dir.resolve("random.zip");
        byte[] noise = new byte[4096];
        new java.util.SplittableRandom(1).nextBytes(noise);
        noise[0] = 0x1F;
        Files.write(random, noise);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Critic.load(random));
        assertEquals(0, e.offset(), "random bytes: the signature at byte 0");
        assertEquals("zip signature", e.field());

        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertEquals("an empty file", assertThrows(CorruptDataException.class, () -> Critic.load(empty)).found());

        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(CorruptDataException.class, () -> Critic.load(truncated));
        assertEquals(truncated, e.file());
        assertTrue(e.found().startsWith("truncated"), e.getMessage());

        Path otherZip = dir.resolve("other.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("not a critic".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        e = assertThrows(CorruptDataException.class, () -> Critic.load(otherZip));
        assertEquals("no critic.json", e.found(), e.getMessage());

        Path garbageGraph = dir.resolve("garbage-graph.zip");
        Path wrongConfig = dir.resolve("wrong-config.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(good));
             var g = new java.util.zip.ZipOutputStream(Files.newOutputStream(garbageGraph));
             var w = new java.util.zip.ZipOutputStream(Files.newOutputStream(wrongConfig))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                g.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                g.write(entry.getName().equals("arrays.bin") ? java.util.Arrays.copyOf(noise, 300) : content);
                w.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                w.write(entry.getName().equals("critic.json") ? new String(content,
                        java.nio.charset.StandardCharsets.UTF_8).replace("\"width\" : 2", "\"width\" : 4")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8) : content);
            }
        }
        e = assertThrows(CorruptDataException.class, () -> Critic.load(garbageGraph));
        assertTrue(e.field().startsWith("array"), e.getMessage());
        e = assertThrows(CorruptDataException.class, () -> Critic.load(wrongConfig));
        assertEquals("arrays.bin", e.field(), "config of another size: " + e.getMessage());
        assertTrue(e.getMessage().contains("arrays of the critic its config describes"), e.getMessage());

        Path version1 = dir.resolve("version1.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(good));
             var v = new java.util.zip.ZipOutputStream(Files.newOutputStream(version1))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                v.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                v.write(entry.getName().equals("critic.json") ? new String(content,
                        java.nio.charset.StandardCharsets.UTF_8).replace("\"version\" : 2", "\"version\" : 1")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8) : content);
            }
        }
        e = assertThrows(CorruptDataException.class, () -> Critic.load(version1));
        assertTrue(e.found().contains("v1") && e.expected().contains("re-run"), e.getMessage());
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
