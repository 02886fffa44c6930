package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the STL-10 binary files: images ({@code train_X.bin}, {@code test_X.bin}, {@code unlabeled_X.bin}) and labels
 * ({@code train_y.bin}, {@code test_y.bin}). An image file is a sequence of 27,648-byte images with no header, each
 * three planes (R, G, B) of 96×96 bytes stored column-major (Fortran order, as MATLAB wrote them):
 * <pre>
 *   byte c·9216 + x·96 + y  =  pixel (channel c, row y, column x),   c = 0…2, x, y = 0…95
 * </pre>
 * {@link #open} returns a streaming set ({@link Stl10ImageSet}): images are read on demand, so the 2.7 GB unlabeled
 * file needs no memory beyond one image per read, and are transposed to CHW row-major (value = byte / 255).
 * A label file holds one byte per image, classes 1…10.
 *
 * <p>Errors: {@link CorruptDataException} naming the file, the offset (−1 for a bad length), the value found and
 * expected; {@link DataIoException} when a file cannot be read.
 */
public final class Stl10BinaryReader {
    /** Side of an STL-10 image: 96 pixels. */
    public static final int SIDE = 96;
    /** Bytes of one image: 3·96·96 = 27,648. */
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    /** Shape of every STL-10 image. */
    public static final ImageShape SHAPE = new ImageShape(3, SIDE, SIDE);
    /** Number of classes; stored labels are 1…{@value #CLASSES}. */
    public static final int CLASSES = 10;

    private Stl10BinaryReader() {
    }

    /**
     * Opens an STL-10 image file for streaming reads. Only the length is checked here: a positive multiple of 27,648
     * bytes. The returned set holds the file open for reading until {@link Stl10ImageSet#close()}.
     *
     * @param xBin an STL-10 image file, e.g. {@code unlabeled_X.bin}
     * @return the images, shape 3×96×96, named after the file
     * @throws CorruptDataException if the length is not a positive multiple of {@value #IMAGE_BYTES}
     * @throws DataIoException if the file is missing or unreadable
     */
    public static Stl10ImageSet open(Path xBin) {
        long length = DataFiles.regularFileSize(xBin);
        if (length == 0 || length % IMAGE_BYTES != 0 || length / IMAGE_BYTES > Integer.MAX_VALUE) {
            throw new CorruptDataException(xBin, -1, "file length", length + " bytes",
                    "a positive multiple of " + IMAGE_BYTES + " (images of 3×96×96 bytes), at most 2³¹ − 1 images");
        }
        if (!Files.isReadable(xBin)) {
            throw new DataIoException(xBin, "read", new IOException("file is not readable"));
        }
        return new Stl10ImageSet(xBin, (int) (length / IMAGE_BYTES));
    }

    /**
     * Reads an STL-10 label file and returns the labels 0-based: stored byte − 1, so classes are 0…9 like CIFAR-10's
     * and MNIST's ({@code 1 = airplane} becomes 0).
     *
     * @param yBin an STL-10 label file, e.g. {@code train_y.bin}
     * @return one label 0…9 per byte of the file
     * @throws CorruptDataException if the file is empty, too large or holds a byte outside 1…10 (naming its offset)
     * @throws DataIoException if the file is missing or unreadable
     */
    public static int[] readLabels(Path yBin) {
        long length = DataFiles.regularFileSize(yBin);
        if (length == 0 || length > ReadLimits.MAX_ARRAY_BYTES) {
            throw new CorruptDataException(yBin, -1, "file length", length + " bytes",
                    "1 to " + ReadLimits.MAX_ARRAY_BYTES + " bytes (one label byte per image)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(yBin);
        } catch (IOException e) {
            throw new DataIoException(yBin, "read", e);
        }
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int stored = bytes[i] & 0xFF;
            if (stored < 1 || stored > CLASSES) {
                throw new CorruptDataException(yBin, i, "STL-10 label byte", String.valueOf(stored),
                        "1 to " + CLASSES);
            }
            labels[i] = stored - 1;
        }
        return labels;
    }

    /**
     * Transposes one image from STL-10's column-major planes to CHW row-major values in [0, 1]:
     * {@code dst[offset + c·9216 + y·96 + x] = src[c·9216 + x·96 + y] / 255}.
     */
    static void columnMajorToChw(byte[] src, float[] dst, int offset) {
        int plane = SIDE * SIDE;
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int x = 0; x < SIDE; x++) {
                for (int y = 0; y < SIDE; y++) {
                    dst[offset + base + y * SIDE + x] = (src[base + x * SIDE + y] & 0xFF) / 255f;
                }
            }
        }
    }
}
