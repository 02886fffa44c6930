package dev.lipschitzw1.datasets.io;

import static dev.lipschitzw1.datasets.io.ReaderAssertions.ANY_OFFSET;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertCorrupt;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertIoError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lipschitzw1.errors.CorruptDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of malformed IDX files (raw and gzip). Oracle: each raises {@link CorruptDataException} (or
 * {@link dev.lipschitzw1.errors.DataIoException}) naming the file, the offset and field where the defect is, within
 * 10 s, and never an OutOfMemoryError or a partial result.
 */
class IdxCorruptionTest {
    private static final int COUNT = 6;
    private static final int ROWS = 7;
    private static final int COLS = 5;
    private static final int PAYLOAD = COUNT * ROWS * COLS;
    private static final byte[] PIXELS = IdxFixtures.randomBytes(PAYLOAD, 21);
    private static final byte[] VALID = IdxFixtures.images(COUNT, ROWS, COLS, PIXELS);
    private static final byte[] VALID_GZ = IdxFixtures.gzip(VALID);

    @TempDir
    Path dir;

    private final List<DynamicTest> cases = new ArrayList<>();

    @TestFactory
    List<DynamicTest> idxReader_malformedFile_typedErrorNamingFileOffsetField() {
        rawTruncations();
        gzipTruncations();
        gzipCorruptions();
        headerFields();
        lengthMismatches();
        labelFiles();
        missingFiles();
        assertTrue(cases.size() >= 50, "corpus size " + cases.size());
        return cases;
    }

    /** Raw file cut at 24 seeded offsets: inside the header → that field at that offset; after it → file length. */
    private void rawTruncations() {
        SplittableRandom rng = new SplittableRandom(31);
        int[] cuts = new int[24];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i < 8 ? i * 2 : rng.nextInt(VALID.length);
        }
        for (int cut : cuts) {
            byte[] bytes = Arrays.copyOf(VALID, cut);
            add("raw truncated at " + cut, bytes, (file, read) -> {
                if (cut >= 16) {
                    CorruptDataException e = assertCorrupt(file, -1, "file length", "" + VALID.length, read);
                    assertEquals(cut + " bytes", e.found());
                } else {
                    long fieldStart = cut < 4 ? cut : 4 + 4 * ((cut - 4) / 4);
                    assertCorrupt(file, fieldStart, "IDX ", read);
                }
            });
        }
    }

    /** Gzip file cut at 16 seeded offsets ≥ 2 (two bytes are needed to see the gzip magic). */
    private void gzipTruncations() {
        SplittableRandom rng = new SplittableRandom(32);
        for (int i = 0; i < 16; i++) {
            int cut = i < 4 ? 2 + 2 * i : 2 + rng.nextInt(VALID_GZ.length - 2);
            add("gzip truncated at " + cut, Arrays.copyOf(VALID_GZ, cut),
                    (file, read) -> assertCorrupt(file, ANY_OFFSET, "gzip stream", "complete gzip member", read));
        }
    }

    private void gzipCorruptions() {
        SplittableRandom rng = new SplittableRandom(33);
        int trailer = VALID_GZ.length - 8;
        for (int i = 0; i < 10; i++) {
            int at = 10 + rng.nextInt(trailer - 10);
            byte[] bytes = VALID_GZ.clone();
            bytes[at] ^= (byte) (1 + rng.nextInt(255));
            // A flipped deflate byte shows as bad deflate data, a CRC or length mismatch, or a header field
            // decompressed wrongly: any of these, but always typed and naming the file.
            add("gzip deflate byte " + at + " flipped", bytes, (file, read) -> {
                CorruptDataException e = assertCorrupt(file, ANY_OFFSET, "", read);
                assertTrue(e.field().startsWith("gzip") || e.field().startsWith("IDX")
                        || e.field().startsWith("trailing"), "field " + e.field());
            });
        }
        add("gzip trailer CRC-32 wrong", flip(VALID_GZ, trailer), (file, read) ->
                assertCorrupt(file, VALID.length, "gzip trailer CRC-32", read));
        add("gzip trailer ISIZE wrong", flip(VALID_GZ, trailer + 4), (file, read) ->
                assertCorrupt(file, VALID.length, "gzip trailer ISIZE", read));
        add("gzip followed by garbage", IdxFixtures.concat(VALID_GZ, new byte[] {'j', 'u', 'n', 'k'}),
                (file, read) -> assertCorrupt(file, VALID.length, "data after the last gzip member", read));
        add("gzip followed by a zero byte", IdxFixtures.concat(VALID_GZ, new byte[1]),
                (file, read) -> assertCorrupt(file, VALID.length, "data after the last gzip member", read));
        byte[] method = VALID_GZ.clone();
        method[2] = 7;
        add("gzip compression method 7", method, (file, read) ->
                assertCorrupt(file, 0, "gzip compression method", "8 (deflate)", read));
        byte[] flags = VALID_GZ.clone();
        flags[3] = (byte) 0x80;
        add("gzip reserved flag set", flags, (file, read) -> assertCorrupt(file, 0, "gzip flags", read));
        add("gzip header CRC-16 wrong", GzipHeaders.withOptionalFields(VALID, false), (file, read) ->
                assertCorrupt(file, 0, "gzip header CRC-16", read));
        add("gzip member holding a wrong type code", IdxFixtures.gzip(typeCode(0x0D)), (file, read) ->
                assertCorrupt(file, 2, "IDX type code", "0x08 (unsigned byte)", read));
        add("gzip of an empty payload", IdxFixtures.gzip(new byte[0]), (file, read) ->
                assertCorrupt(file, 0, "IDX magic", read));
        byte[] huge = IdxFixtures.idx(0, 0x08, 3, new int[] {2_000_000_000, 1, 1}, new byte[100]);
        add("gzip header promising 2e9 bytes, 100 present", IdxFixtures.gzip(huge), (file, read) ->
                assertCorrupt(file, 116, "IDX payload", "2000000000 bytes", read));
        add("raw header promising 2e9 bytes, 100 present", huge, (file, read) ->
                assertCorrupt(file, -1, "file length", "2000000016 bytes", read));
    }

    private void headerFields() {
        for (int magic : new int[] {0x0001, 0x0100, 0xFFFF, 0x0803}) {
            add(String.format("magic 0x%04X", magic), IdxFixtures.idx(magic, 0x08, 3,
                    new int[] {COUNT, ROWS, COLS}, PIXELS), (file, read) ->
                    assertCorrupt(file, 0, "IDX magic", "0x0000", read));
        }
        for (int type : new int[] {0x00, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0xFF}) {
            add(String.format("type code 0x%02X", type), typeCode(type), (file, read) -> {
                CorruptDataException e = assertCorrupt(file, 2, "IDX type code", "0x08", read);
                assertTrue(e.found().startsWith(String.format("0x%02X", type)), e.found());
            });
        }
        for (int dims : new int[] {0, 1, 2, 4, 255}) {
            int[] shape = new int[Math.min(dims, 4)];
            Arrays.fill(shape, 2);
            add("dimension count " + dims, IdxFixtures.idx(0, 0x08, dims, shape, new byte[16]), (file, read) ->
                    assertCorrupt(file, 3, "IDX dimension count", "3 (image count, rows, columns)", read));
        }
        int[][] badDims = {
            {0, ROWS, COLS, 4}, {-1, ROWS, COLS, 4}, {Integer.MIN_VALUE, ROWS, COLS, 4},
            {COUNT, 0, COLS, 8}, {COUNT, 4097, COLS, 8}, {COUNT, 0x7fffffff, 0x7fffffff, 8},
            {COUNT, ROWS, 0, 12}, {COUNT, ROWS, -5, 12}, {COUNT, ROWS, 0x7fffffff, 12},
        };
        for (int[] d : badDims) {
            add("dimensions " + d[0] + "×" + d[1] + "×" + d[2], IdxFixtures.images(d[0], d[1], d[2], PIXELS),
                    (file, read) -> assertCorrupt(file, d[3], "IDX dimension " + (d[3] - 4) / 4, read));
        }
        for (int[] d : new int[][] {{0x7fffffff, 28, 28}, {0x7fffffff, 4096, 4096}, {200_000, 4096, 4096}}) {
            add("payload " + d[0] + "×" + d[1] + "×" + d[2] + " overflows int", IdxFixtures.images(d[0], d[1], d[2],
                    PIXELS), (file, read) -> {
                    CorruptDataException e = assertCorrupt(file, 4, "IDX payload size", "at most", read);
                    assertTrue(e.found().endsWith((long) d[0] * d[1] * d[2] + " bytes"), e.found());
                });
        }
    }

    private void lengthMismatches() {
        for (int delta : new int[] {-1, -PAYLOAD, 1, 1000}) {
            byte[] bytes = delta < 0 ? Arrays.copyOf(VALID, VALID.length + delta)
                    : IdxFixtures.concat(VALID, new byte[delta]);
            add("raw length " + (delta > 0 ? "+" : "") + delta, bytes, (file, read) ->
                    assertCorrupt(file, -1, "file length", VALID.length + " bytes", read));
            add("gzip payload " + (delta > 0 ? "+" : "") + delta, IdxFixtures.gzip(bytes), (file, read) -> {
                if (delta < 0) {
                    assertCorrupt(file, VALID.length + delta, "IDX payload", PAYLOAD + " bytes", read);
                } else {
                    assertCorrupt(file, VALID.length, "trailing data", read);
                }
            });
        }
        add("zero-byte file", new byte[0], (file, read) -> {
            CorruptDataException e = assertCorrupt(file, 0, "IDX magic", read);
            assertEquals("end of data", e.found());
        });
    }

    private void labelFiles() {
        byte[] labels = IdxFixtures.idx(0, 0x08, 1, new int[] {10}, new byte[10]);
        addLabels("labels truncated", Arrays.copyOf(labels, 12), (file, read) ->
                assertCorrupt(file, -1, "file length", "18 bytes", read));
        addLabels("labels gzip trailing bytes", IdxFixtures.gzip(IdxFixtures.concat(labels, new byte[3])),
                (file, read) -> assertCorrupt(file, 18, "trailing data", read));
        addLabels("image file read as labels", VALID, (file, read) ->
                assertCorrupt(file, 3, "IDX dimension count", "1 (label count)", read));
        addLabels("labels count 0", IdxFixtures.idx(0, 0x08, 1, new int[] {0}, new byte[0]), (file, read) ->
                assertCorrupt(file, 4, "IDX dimension 0 (label count)", read));
        addLabels("labels type int32", IdxFixtures.idx(0, 0x0C, 1, new int[] {10}, new byte[40]), (file, read) ->
                assertCorrupt(file, 2, "IDX type code", read));
    }

    private void missingFiles() {
        cases.add(dynamicTest("missing file", () -> {
            Path file = dir.resolve("absent-idx3-ubyte");
            assertInstanceOf(NoSuchFileException.class, assertIoError(file, () -> IdxReader.readImages(file))
                    .getCause());
        }));
        cases.add(dynamicTest("device instead of regular file", () -> {
            Path device = Path.of("/dev/null");
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "no /dev/null here");
            assertTrue(assertIoError(device, () -> IdxReader.readImages(device)).getMessage()
                    .contains("not a regular file"));
        }));
        cases.add(dynamicTest("directory instead of file", () -> {
            Path file = Files.createDirectory(dir.resolve("a-directory"));
            assertIoError(file, () -> IdxReader.readLabels(file));
        }));
    }

    /** Adds a case reading {@code bytes} as images from a file and, separately, from an input stream. */
    private void add(String name, byte[] bytes, Check check) {
        cases.add(dynamicTest(name + " (file)", () -> {
            Path file = write(name, bytes);
            check.verify(file, () -> IdxReader.readImages(file));
        }));
        if (cases.size() % 3 == 0) { // the stream path too, for a third of the cases
            cases.add(dynamicTest(name + " (stream)", () -> {
                Path file = write(name + "-stream", bytes);
                if (name.startsWith("raw")) {
                    // A raw stream has no file length to check first: the payload runs short or long instead.
                    CorruptDataException e = assertCorrupt(file, ANY_OFFSET, "",
                            () -> IdxReader.readImages(new ByteArrayInputStream(bytes), file));
                    assertTrue(e.field().startsWith("IDX") || e.field().equals("trailing data"), e.field());
                } else {
                    check.verify(file, () -> IdxReader.readImages(new ByteArrayInputStream(bytes), file));
                }
            }));
        }
    }

    private void addLabels(String name, byte[] bytes, Check check) {
        cases.add(dynamicTest(name, () -> {
            Path file = write(name, bytes);
            check.verify(file, () -> IdxReader.readLabels(file));
        }));
    }

    private Path write(String name, byte[] bytes) {
        Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9.+-]", "_") + ".idx");
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] typeCode(int type) {
        return IdxFixtures.idx(0, type, 3, new int[] {COUNT, ROWS, COLS}, PIXELS);
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x5A;
        return copy;
    }

    /** How one malformed file must fail. */
    @FunctionalInterface
    private interface Check {
        void verify(Path file, org.junit.jupiter.api.function.Executable read) throws Throwable;
    }
}
