package dev.lipschitzw1.datasets.io;

import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertCorrupt;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertIoError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 binary batches: round trip of every value, and a corpus of malformed batches. */
class CifarBinaryReaderTest {
    private static final int R = CifarBinaryReader.RECORD_BYTES;

    @TempDir
    Path dir;

    @Test
    void cifar_writeBatchesThenRead_everyPixelAndLabelEqual() throws IOException {
        int[] labels1 = {3, 0, 9, 5};
        int[] labels2 = {1, 7, 2};
        byte[][] pixels1 = randomImages(labels1.length, 41);
        byte[][] pixels2 = randomImages(labels2.length, 42);
        Path b1 = write("data_batch_1.bin", batch(labels1, pixels1));
        Path b2 = write("data_batch_2.bin", batch(labels2, pixels2));
        ByteImageSet set = CifarBinaryReader.read(List.of(b1, b2));
        assertEquals(CifarBinaryReader.SHAPE, set.shape());
        assertEquals(7, set.size());
        assertEquals("data_batch_1.bin+1 more", set.name());
        byte[][] all = new byte[7][];
        System.arraycopy(pixels1, 0, all, 0, 4);
        System.arraycopy(pixels2, 0, all, 4, 3);
        for (int i = 0; i < 7; i++) {
            for (int v = 0; v < CifarBinaryReader.IMAGE_BYTES; v++) {
                assertEquals(all[i][v] & 0xFF, set.rawPixel(i, v), "image " + i + " value " + v);
            }
        }
        assertArrayEquals(new int[] {3, 0, 9, 5, 1, 7, 2}, CifarBinaryReader.readLabels(List.of(b1, b2)));
    }

    @Test
    void cifar_recordLayout_greenPlaneRow5Col7IsCHWValue() throws IOException {
        byte[] record = new byte[R];
        record[0] = 4;
        record[1 + 1024 + 5 * 32 + 7] = (byte) 250; // green plane, row 5, column 7
        Path file = write("one.bin", record);
        double[] image = CifarBinaryReader.read(List.of(file)).imageAsDoubles(0);
        assertEquals(250 / 255.0, image[1 * 32 * 32 + 5 * 32 + 7], 1e-7, "CHW (G, 5, 7)");
        assertEquals(0.0, Arrays.stream(image).sum() - image[1 * 1024 + 5 * 32 + 7], 0.0, "all other values 0");
    }

    @TestFactory
    List<DynamicTest> cifarReader_malformedBatch_typedErrorNamingFileOffsetField() {
        List<DynamicTest> cases = new ArrayList<>();
        byte[] valid = batch(new int[] {1, 2, 3, 4, 5}, randomImages(5, 43));
        for (int length : new int[] {0, 1, R - 1, R + 1, 2 * R - 1, 2 * R + 1, 6 * R - 3}) {
            byte[] bytes = length <= valid.length ? Arrays.copyOf(valid, length)
                    : IdxFixtures.concat(valid, new byte[length - valid.length]);
            cases.add(lengthCase("length " + length, bytes));
        }
        SplittableRandom rng = new SplittableRandom(44);
        for (int i = 0; i < 25; i++) {
            int cut = 1 + rng.nextInt(valid.length - 1);
            if (cut % R == 0) {
                cut--;
            }
            cases.add(lengthCase("truncated at " + cut, Arrays.copyOf(valid, cut)));
        }
        int[] badLabels = {10, 11, 99, 128, 255};
        for (int k = 0; k < 15; k++) {
            int i = k;
            int record = i % 5;
            int label = badLabels[i % badLabels.length];
            byte[] bytes = valid.clone();
            bytes[record * R] = (byte) label;
            cases.add(dynamicTest("label " + label + " in record " + record + " (" + i + ")", () -> {
                Path file = write("bad-label-" + i + ".bin", bytes);
                CorruptDataException e = assertCorrupt(file, (long) record * R, "CIFAR-10 label byte", "0 to 9",
                        () -> CifarBinaryReader.read(List.of(file)));
                assertEquals(String.valueOf(label), e.found());
                assertCorrupt(file, (long) record * R, "CIFAR-10 label byte",
                        () -> CifarBinaryReader.readLabels(List.of(file)));
            }));
        }
        cases.add(dynamicTest("second of two files corrupt", () -> {
            Path good = write("good.bin", valid);
            Path bad = write("bad.bin", Arrays.copyOf(valid, 100));
            assertCorrupt(bad, -1, "file length", () -> CifarBinaryReader.read(List.of(good, bad)));
        }));
        cases.add(dynamicTest("second file has a bad label", () -> {
            Path good = write("good2.bin", valid);
            byte[] bytes = valid.clone();
            bytes[3 * R] = 12;
            Path bad = write("bad2.bin", bytes);
            assertCorrupt(bad, 3L * R, "CIFAR-10 label byte", () -> CifarBinaryReader.read(List.of(good, bad)));
        }));
        cases.add(dynamicTest("CIFAR-100 record size (3074)", () -> {
            Path file = write("cifar100.bin", new byte[3 * 3074]);
            assertCorrupt(file, -1, "file length", "3073", () -> CifarBinaryReader.read(List.of(file)));
        }));
        cases.add(dynamicTest("missing file", () -> {
            Path file = dir.resolve("absent.bin");
            assertIoError(file, () -> CifarBinaryReader.read(List.of(file)));
        }));
        cases.add(dynamicTest("directory instead of file", () -> {
            Path file = Files.createDirectory(dir.resolve("folder.bin"));
            assertIoError(file, () -> CifarBinaryReader.readLabels(List.of(file)));
        }));
        cases.add(dynamicTest("no files", () -> assertThrows(InvalidConfigException.class,
                () -> CifarBinaryReader.read(List.of()))));
        assertTrue(cases.size() >= 50, "corpus size " + cases.size());
        return cases;
    }

    private DynamicTest lengthCase(String name, byte[] bytes) {
        return dynamicTest(name, () -> {
            Path file = write(name.replace(' ', '_') + ".bin", bytes);
            CorruptDataException e = assertCorrupt(file, -1, "file length", "positive multiple of 3073",
                    () -> CifarBinaryReader.read(List.of(file)));
            assertEquals(bytes.length + " bytes", e.found());
        });
    }

    private static byte[][] randomImages(int n, long seed) {
        byte[][] images = new byte[n][];
        for (int i = 0; i < n; i++) {
            images[i] = IdxFixtures.randomBytes(CifarBinaryReader.IMAGE_BYTES, seed * 1000 + i);
        }
        return images;
    }

    /** A batch as the CIFAR-10 distribution writes it: per record the label byte, then R, G, B planes. */
    private static byte[] batch(int[] labels, byte[][] images) {
        byte[] out = new byte[labels.length * R];
        for (int i = 0; i < labels.length; i++) {
            out[i * R] = (byte) labels[i];
            System.arraycopy(images[i], 0, out, i * R + 1, CifarBinaryReader.IMAGE_BYTES);
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
