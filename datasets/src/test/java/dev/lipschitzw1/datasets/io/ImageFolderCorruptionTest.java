package dev.lipschitzw1.datasets.io;

import static dev.lipschitzw1.datasets.io.ReaderAssertions.ANY_OFFSET;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertCorrupt;
import static dev.lipschitzw1.datasets.io.ReaderAssertions.assertIoError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of bad image folders. Oracle: each raises a typed error naming the offending file (the folder
 * for "no images"), with the field and the expected value, within 10 s; a good image beside a bad one does not make
 * the read succeed partially.
 */
class ImageFolderCorruptionTest {
    private static final int W = 10;
    private static final int H = 8;
    private static final ImageShape TARGET = new ImageShape(3, H, W);

    @TempDir
    Path root;

    private final List<DynamicTest> cases = new ArrayList<>();
    private int folders;

    @TestFactory
    List<DynamicTest> imageFolderReader_badFolder_typedErrorNamingFileFieldExpected() {
        truncations("png", 15, 20); // a PNG cut in its last 20 bytes (checksums, IEND) still has all its pixels
        truncations("bmp", 8, 0);
        truncations("gif", 6, 1); // the final byte is the trailer 0x3B, after the pixels
        truncations("jpeg", 6, 2);
        truncations("tiff", 5, 0);
        for (String ext : new String[] {"png", "jpg", "bmp", "gif", "tif"}) {
            undecodable("zero-byte ." + ext, "empty." + ext, new byte[0]);
        }
        undecodable("text in .png", "notes.png", "hello, not a png".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        undecodable("random bytes in .jpeg", "noise.jpeg", IdxFixtures.randomBytes(500, 71));
        undecodable("PNG signature broken", "sig.png", flip(encode("png"), 1));
        undecodable("PNG zlib header broken", "zlib.png", flip(encode("png"), idatStart(encode("png"))));
        sizeMismatches();
        emptyFolders();
        cases.add(dynamicTest("missing folder", () -> {
            Path dir = root.resolve("absent");
            assertIoError(dir, () -> ImageFolderReader.read(dir, TARGET));
        }));
        cases.add(dynamicTest("a file instead of a folder", () -> {
            Path file = Files.write(root.resolve("file.png"), encode("png"));
            assertInstanceOf(NotDirectoryException.class,
                    assertIoError(file, () -> ImageFolderReader.read(file, TARGET)).getCause());
        }));
        assertTrue(cases.size() >= 50, "corpus size " + cases.size());
        return cases;
    }

    /** {@code n} copies of a valid image cut at seeded offsets in [1, length − keepTail). */
    private void truncations(String format, int n, int keepTail) {
        byte[] valid = encode(format);
        SplittableRandom rng = new SplittableRandom(format.hashCode());
        for (int i = 0; i < n; i++) {
            int cut = 1 + rng.nextInt(valid.length - 1 - keepTail);
            String name = "cut" + cut + "." + format;
            cases.add(dynamicTest(format + " truncated at " + cut + " of " + valid.length, () -> {
                Path dir = folderWithGoodImage();
                Path file = Files.write(dir.resolve(name), Arrays.copyOf(valid, cut));
                CorruptDataException e = assertCorrupt(file, -1, "", "valid", () -> ImageFolderReader.read(dir,
                        TARGET));
                assertTrue(e.field().endsWith("image data"), "field " + e.field());
            }));
        }
    }

    private void undecodable(String caseName, String fileName, byte[] bytes) {
        cases.add(dynamicTest(caseName, () -> {
            Path dir = folderWithGoodImage();
            Path file = Files.write(dir.resolve(fileName), bytes);
            CorruptDataException e = assertCorrupt(file, -1, "", "valid", () -> ImageFolderReader.read(dir, TARGET));
            assertTrue(e.field().endsWith("image data"), "field " + e.field());
        }));
    }

    private void sizeMismatches() {
        int[][] sizes = {{H, W}, {W, H - 1}, {W + 1, H}, {1, 1}, {W * 2, H * 2}};
        for (int[] wh : sizes) {
            for (String format : new String[] {"png", "bmp"}) {
                cases.add(dynamicTest(format + " of " + wh[0] + "×" + wh[1] + " among " + W + "×" + H, () -> {
                    Path dir = folderWithGoodImage();
                    Path file = Files.write(dir.resolve("m." + format),
                            ImageFixtures.encode(ImageFixtures.randomRgb(wh[0], wh[1], 72), format));
                    CorruptDataException e = assertCorrupt(file, -1, "image size W×H", W + "×" + H,
                            () -> ImageFolderReader.read(dir, TARGET));
                    assertEquals(wh[0] + "×" + wh[1], e.found());
                }));
            }
        }
        cases.add(dynamicTest("PNG header width edited to 11", () -> {
            byte[] png = encode("png");
            ByteBuffer.wrap(png).putInt(16, W + 1); // IHDR width: signature 8 + length 4 + type 4
            Path dir = folderWithGoodImage();
            Path file = Files.write(dir.resolve("wide.png"), png);
            CorruptDataException e = assertCorrupt(file, -1, "image size W×H", () -> ImageFolderReader.read(dir,
                    TARGET));
            assertEquals((W + 1) + "×" + H, e.found());
        }));
        cases.add(dynamicTest("mixed sizes: the first mismatching file is named", () -> {
            Path dir = newFolder();
            Files.write(dir.resolve("a.png"), encode("png"));
            Path b = Files.write(dir.resolve("b.png"), ImageFixtures.encode(ImageFixtures.randomRgb(12, H, 73), "png"));
            Files.write(dir.resolve("c.png"), ImageFixtures.encode(ImageFixtures.randomRgb(14, H, 74), "png"));
            assertCorrupt(b, -1, "image size W×H", () -> ImageFolderReader.read(dir, TARGET));
        }));
    }

    private void emptyFolders() {
        cases.add(dynamicTest("empty folder", () -> {
            Path dir = newFolder();
            CorruptDataException e = assertCorrupt(dir, -1, "image count", "at least one image",
                    () -> ImageFolderReader.read(dir, TARGET));
            assertEquals("0 images among 0 files", e.found());
        }));
        cases.add(dynamicTest("folder of non-images", () -> {
            Path dir = newFolder();
            Files.writeString(dir.resolve("README.txt"), "no images here");
            Files.write(dir.resolve("data.bin"), IdxFixtures.randomBytes(100, 75));
            CorruptDataException e = assertCorrupt(dir, -1, "image count", () -> ImageFolderReader.read(dir,
                    TARGET));
            assertEquals("0 images among 2 files", e.found());
        }));
        cases.add(dynamicTest("images only in a sub-folder", () -> {
            Path dir = newFolder();
            Path sub = Files.createDirectory(dir.resolve("nested"));
            Files.write(sub.resolve("a.png"), encode("png"));
            assertCorrupt(dir, ANY_OFFSET, "image count", () -> ImageFolderReader.read(dir, TARGET));
        }));
    }

    /** A fresh folder holding one valid image ("0000.png") that sorts before the bad one. */
    private Path folderWithGoodImage() throws IOException {
        Path dir = newFolder();
        Files.write(dir.resolve("0000.png"), encode("png"));
        return dir;
    }

    private Path newFolder() throws IOException {
        return Files.createDirectory(root.resolve("folder" + (folders++)));
    }

    private static byte[] encode(String format) {
        return ImageFixtures.encode(ImageFixtures.randomRgb(W, H, 70), format);
    }

    /** Offset of the first byte of the first IDAT chunk's data (the zlib header). */
    private static int idatStart(byte[] png) {
        for (int i = 8; i + 8 <= png.length; ) {
            int length = ByteBuffer.wrap(png).getInt(i);
            if (png[i + 4] == 'I' && png[i + 5] == 'D' && png[i + 6] == 'A' && png[i + 7] == 'T') {
                return i + 8;
            }
            i += 12 + length;
        }
        throw new UncheckedIOException(new IOException("no IDAT chunk"));
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) 0xFF;
        return copy;
    }
}
