package dev.lipschitzw1.datasets.io;

import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertCorrupt;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertIoError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.IOException;
import java.io.RandomAccessFile;
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

/** STL-10 binary: column-major transposition checked by hand and exhaustively, streaming, malformed files. */
class Stl10BinaryReaderTest {
    private static final int N = Stl10BinaryReader.IMAGE_BYTES;
    private static final int PLANE = 96 * 96;

    @TempDir
    Path dir;

    @Test
    void stl10_handComputedPixel_columnMajorByteLandsAtRowYColumnX() throws IOException {
        byte[] raw = new byte[2 * N];
        // image 1, plane c = 1 (green), column x = 3, row y = 70: stored at c·9216 + x·96 + y = 9216 + 288 + 70
        raw[N + 9574] = (byte) 200;
        Path file = Files.write(dir.resolve("train_X.bin"), raw);
        try (Stl10ImageSet set = Stl10BinaryReader.open(file)) {
            assertEquals(2, set.size());
            assertEquals(Stl10BinaryReader.SHAPE, set.shape());
            double[] image = set.imageAsDoubles(1);
            // CHW row-major index of (c = 1, y = 70, x = 3): 9216 + 70·96 + 3 = 15939
            assertEquals(200 / 255.0, image[15939], 1e-7, "pixel (G, row 70, column 3)");
            assertEquals(200 / 255.0, Arrays.stream(image).sum(), 1e-6, "every other value 0");
            assertEquals(0.0, Arrays.stream(set.imageAsDoubles(0)).sum(), 0.0, "image 0 all 0");
        }
    }

    @Test
    void stl10_writeColumnMajorThenRead_everyValueIsTransposed() throws IOException {
        int count = 3;
        byte[] raw = IdxFixtures.randomBytes(count * N, 51);
        Path file = Files.write(dir.resolve("test_X.bin"), raw);
        try (Stl10ImageSet set = Stl10BinaryReader.open(file)) {
            for (int i = 0; i < count; i++) {
                double[] image = set.imageAsDoubles(i);
                for (int k = 0; k < N; k++) { // walk the file's bytes: k = c·9216 + x·96 + y
                    int c = k / PLANE;
                    int x = (k % PLANE) / 96;
                    int y = k % 96;
                    assertEquals((raw[i * N + k] & 0xFF) / 255.0, image[c * PLANE + y * 96 + x], 1e-7,
                            "image " + i + " c " + c + " row " + y + " column " + x);
                }
            }
        }
    }

    @Test
    void stl10_closeThenRead_reopensAndReadsTheSame() throws IOException {
        byte[] raw = IdxFixtures.randomBytes(2 * N, 52);
        Path file = Files.write(dir.resolve("x.bin"), raw);
        Stl10ImageSet set = Stl10BinaryReader.open(file);
        double[] before = set.imageAsDoubles(1);
        set.close();
        set.close();
        assertArrayEquals(before, set.imageAsDoubles(1), 0.0, "same image after close and reopen");
        assertArrayEquals(before, set.subset("s", new int[] {1}).imageAsDoubles(0), 0.0, "through a subset");
        set.close();
    }

    @Test
    void stl10_sparseFileOfUnlabeledSize_readsLastImageOnDemand() throws IOException {
        long images = 100_000; // unlabeled_X.bin: 100,000 images, 2.76 GB, more than one Java array can hold
        Path file = dir.resolve("unlabeled_X.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(images * N);
            f.seek((images - 1) * N + 9216 + 5 * 96 + 9); // last image, G plane, column 5, row 9
            f.write(77);
        }
        try (Stl10ImageSet set = Stl10BinaryReader.open(file)) {
            assertEquals(100_000, set.size());
            assertEquals(77 / 255.0, set.imageAsDoubles(99_999)[9216 + 9 * 96 + 5], 1e-7, "(G, row 9, column 5)");
        }
    }

    @Test
    void stl10Labels_bytes1To10_become0To9() throws IOException {
        byte[] stored = {1, 10, 5, 2, 3};
        Path file = Files.write(dir.resolve("train_y.bin"), stored);
        assertArrayEquals(new int[] {0, 9, 4, 1, 2}, Stl10BinaryReader.readLabels(file));
    }

    @TestFactory
    List<DynamicTest> stl10Reader_malformedFile_typedErrorNamingFileOffsetField() {
        List<DynamicTest> cases = new ArrayList<>();
        for (long length : new long[] {0, 1, N - 1, N + 1, 2L * N - 1, 2L * N + 1, 3L * N + 27647}) {
            cases.add(lengthCase("length " + length, length));
        }
        SplittableRandom rng = new SplittableRandom(53);
        for (int i = 0; i < 25; i++) {
            long length = 1 + rng.nextInt(4 * N - 1);
            if (length % N == 0) {
                length--;
            }
            cases.add(lengthCase("truncated to " + length, length));
        }
        int[] bad = {0, 11, 12, 100, 255};
        for (int k = 0; k < 12; k++) {
            int at = (k * 7) % 20;
            int value = bad[k % bad.length];
            cases.add(dynamicTest("label byte " + value + " at " + at, () -> {
                byte[] labels = new byte[20];
                Arrays.fill(labels, (byte) 3);
                labels[at] = (byte) value;
                Path file = Files.write(dir.resolve("y-" + value + "-" + at + ".bin"), labels);
                CorruptDataException e = assertCorrupt(file, at, "STL-10 label byte", "1 to 10",
                        () -> Stl10BinaryReader.readLabels(file));
                assertEquals(String.valueOf(value), e.found());
            }));
        }
        cases.add(dynamicTest("empty label file", () -> {
            Path file = Files.write(dir.resolve("empty_y.bin"), new byte[0]);
            assertCorrupt(file, -1, "file length", () -> Stl10BinaryReader.readLabels(file));
        }));
        cases.add(dynamicTest("file shrinks after open", () -> {
            Path file = Files.write(dir.resolve("shrinks_X.bin"), new byte[3 * N]);
            try (Stl10ImageSet set = Stl10BinaryReader.open(file)) {
                set.imageAsDoubles(2);
                set.close();
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(2L * N + 100);
                }
                assertCorrupt(file, 2L * N + 100, "STL-10 image 2", () -> set.imageAsDoubles(2));
            }
        }));
        cases.add(dynamicTest("missing image file", () -> {
            Path file = dir.resolve("absent_X.bin");
            assertIoError(file, () -> Stl10BinaryReader.open(file));
        }));
        cases.add(dynamicTest("missing label file", () -> {
            Path file = dir.resolve("absent_y.bin");
            assertIoError(file, () -> Stl10BinaryReader.readLabels(file));
        }));
        cases.add(dynamicTest("directory instead of file", () -> {
            Path file = Files.createDirectory(dir.resolve("folder_X.bin"));
            assertIoError(file, () -> Stl10BinaryReader.open(file));
        }));
        cases.add(dynamicTest("image file deleted after open", () -> {
            Path file = Files.write(dir.resolve("deleted_X.bin"), new byte[N]);
            try (Stl10ImageSet set = Stl10BinaryReader.open(file)) {
                Files.delete(file);
                assertIoError(file, () -> set.imageAsDoubles(0));
            }
        }));
        assertTrue(cases.size() >= 50, "corpus size " + cases.size());
        return cases;
    }

    private DynamicTest lengthCase(String name, long length) {
        return dynamicTest(name, () -> {
            Path file = dir.resolve(name.replace(' ', '_') + "_X.bin");
            Files.write(file, IdxFixtures.randomBytes((int) length, length));
            CorruptDataException e = assertCorrupt(file, -1, "file length", "positive multiple of 27648",
                    () -> Stl10BinaryReader.open(file));
            assertEquals(length + " bytes", e.found());
        });
    }
}
