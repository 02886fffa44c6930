package dev.lipschitzw1.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDX: write with {@link IdxWriter} (or by hand), read back with {@link IdxReader}, compare every value. */
class IdxRoundTripTest {
    private static final int COUNT = 7;
    private static final int ROWS = 5;
    private static final int COLS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idxImages_writeThenRead_everyPixelEqual(boolean gzip) {
        byte[] pixels = IdxFixtures.randomBytes(COUNT * ROWS * COLS, 11);
        Path file = dir.resolve("imgs.idx");
        IdxWriter.writeImages(file, pixels, COUNT, ROWS, COLS, gzip);
        ByteImageSet set = IdxReader.readImages(file);
        assertEquals(new ImageShape(1, ROWS, COLS), set.shape());
        assertEquals(COUNT, set.size());
        assertEquals("imgs.idx", set.name());
        assertPixelsEqual(pixels, set);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idxImages_writeSetThenRead_equalsOriginalSet(boolean gzip) {
        ByteImageSet original = new ByteImageSet("x", new ImageShape(1, ROWS, COLS),
                IdxFixtures.randomBytes(COUNT * ROWS * COLS, 12));
        Path file = dir.resolve("set.idx");
        IdxWriter.writeImages(file, original, gzip);
        ByteImageSet back = IdxReader.readImages(file);
        for (int i = 0; i < COUNT; i++) {
            for (int v = 0; v < ROWS * COLS; v++) {
                assertEquals(original.rawPixel(i, v), back.rawPixel(i, v), "image " + i + " value " + v);
            }
        }
    }

    @Test
    void idxImages_pixelValueIsByteOver255_rowMajor() {
        byte[] pixels = new byte[2 * 2 * 3];
        pixels[6 + 1 * 3 + 2] = (byte) 200; // image 1, row 1, column 2
        Path file = dir.resolve("one.idx");
        IdxWriter.writeImages(file, pixels, 2, 2, 3, false);
        double[] image1 = IdxReader.readImages(file).imageAsDoubles(1);
        assertEquals(200 / 255.0, image1[1 * 3 + 2], 1e-7, "pixel (row 1, column 2) = 200/255");
        assertEquals(0.0, image1[0], 0.0, "other pixels 0");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idxLabels_writeThenRead_everyLabelEqual(boolean gzip) {
        int[] labels = new int[300];
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(256);
        }
        Path file = dir.resolve("labels.idx1");
        IdxWriter.writeLabels(file, labels, gzip);
        assertArrayEquals(labels, IdxReader.readLabels(file));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idxImages_fromInputStream_equalsFileRead(boolean gzip) throws IOException {
        byte[] pixels = IdxFixtures.randomBytes(COUNT * ROWS * COLS, 14);
        Path file = dir.resolve("stream.idx");
        IdxWriter.writeImages(file, pixels, COUNT, ROWS, COLS, gzip);
        try (InputStream in = Files.newInputStream(file)) {
            ByteImageSet set = IdxReader.readImages(in, Path.of("resource/stream.idx"));
            assertEquals("stream.idx", set.name());
            assertPixelsEqual(pixels, set);
        }
    }

    @Test
    void idxImages_gzipDetectedByContentNotName() throws IOException {
        byte[] pixels = IdxFixtures.randomBytes(COUNT * ROWS * COLS, 15);
        byte[] raw = IdxFixtures.images(COUNT, ROWS, COLS, pixels);
        Path gzipNamedRaw = dir.resolve("looks-compressed.gz");
        Path rawNamedPlain = dir.resolve("looks-raw-idx3-ubyte");
        Files.write(gzipNamedRaw, raw);
        Files.write(rawNamedPlain, IdxFixtures.gzip(raw));
        assertPixelsEqual(pixels, IdxReader.readImages(gzipNamedRaw));
        assertPixelsEqual(pixels, IdxReader.readImages(rawNamedPlain));
    }

    @Test
    void idxImages_multiMemberGzip_readsConcatenation() throws IOException {
        byte[] pixels = IdxFixtures.randomBytes(COUNT * ROWS * COLS, 16);
        byte[] raw = IdxFixtures.images(COUNT, ROWS, COLS, pixels);
        Path file = dir.resolve("members.gz");
        Files.write(file, IdxFixtures.concat(IdxFixtures.gzip(java.util.Arrays.copyOf(raw, 40)),
                IdxFixtures.gzip(java.util.Arrays.copyOfRange(raw, 40, raw.length))));
        assertPixelsEqual(pixels, IdxReader.readImages(file));
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            assertPixelsEqual(pixels, IdxReader.readImages(in, file));
        }
    }

    @Test
    void idxImages_gzipWithNameCommentExtraAndHeaderCrc_reads() throws IOException {
        byte[] pixels = IdxFixtures.randomBytes(COUNT * ROWS * COLS, 17);
        Path file = dir.resolve("fancy.gz");
        Files.write(file, GzipHeaders.withAllOptionalFields(IdxFixtures.images(COUNT, ROWS, COLS, pixels)));
        assertPixelsEqual(pixels, IdxReader.readImages(file));
    }

    @Test
    void idxWriter_badArguments_throwInvalidConfig() {
        Path file = dir.resolve("bad.idx");
        org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> IdxWriter.writeImages(file, new byte[5], 1, 2, 3, false));
        org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> IdxWriter.writeLabels(file, new int[] {256}, false));
        org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> IdxWriter.writeImages(file, new ByteImageSet("rgb", new ImageShape(3, 1, 1), new byte[3]),
                        false));
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(file), "nothing written");
    }

    private static void assertPixelsEqual(byte[] pixels, ByteImageSet set) {
        int d = set.shape().values();
        assertEquals(pixels.length, set.size() * d, "value count");
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixels[i] & 0xFF, set.rawPixel(i / d, i % d), "value " + i);
        }
    }
}
