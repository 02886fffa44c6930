package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.errors.DataIoException;
import dev.lipschitzw1.errors.InvalidConfigException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files of unsigned bytes, the layout {@link IdxReader} reads: magic 0x0000, type code 0x08, the dimension
 * count, each dimension as a big-endian int32, then the payload row-major; optionally gzip-compressed (one member).
 * Used to convert data and to write test fixtures. The file appears complete or not at all: bytes go to
 * {@code FILE.part} next to it, which is then moved over {@code FILE}.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * Writes grayscale images as IDX3 (count×rows×columns).
     *
     * @param file the file to create or replace
     * @param images a set of shape 1×H×W
     * @param gzip whether to gzip-compress the file
     * @throws InvalidConfigException if the images have more than one channel
     * @throws DataIoException if the file cannot be written
     */
    public static void writeImages(Path file, ByteImageSet images, boolean gzip) {
        InvalidConfigException.require(images.shape().channels() == 1, "images.channels", images.shape(),
                "1 (IDX3 holds grayscale count×rows×columns)");
        int values = images.shape().values();
        byte[] pixels = new byte[Math.multiplyExact(images.size(), values)];
        for (int i = 0; i < images.size(); i++) {
            for (int v = 0; v < values; v++) {
                pixels[i * values + v] = (byte) images.rawPixel(i, v);
            }
        }
        writeImages(file, pixels, images.size(), images.shape().height(), images.shape().width(), gzip);
    }

    /**
     * Writes {@code count} images of rows×columns unsigned bytes, image after image, row-major, as IDX3.
     *
     * @param file the file to create or replace
     * @param pixels count·rows·columns bytes
     * @param count number of images, ≥ 1
     * @param rows image height, ≥ 1
     * @param columns image width, ≥ 1
     * @param gzip whether to gzip-compress the file
     * @throws InvalidConfigException if a dimension is below 1 or {@code pixels.length ≠ count·rows·columns}
     * @throws DataIoException if the file cannot be written
     */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int columns, boolean gzip) {
        InvalidConfigException.require(count >= 1 && rows >= 1 && columns >= 1, "idx.dims",
                count + "×" + rows + "×" + columns, "every dimension ≥ 1");
        InvalidConfigException.require((long) count * rows * columns == pixels.length, "pixels.length",
                pixels.length, count + "×" + rows + "×" + columns + " = " + ((long) count * rows * columns));
        write(file, new int[] {count, rows, columns}, pixels, gzip);
    }

    /**
     * Writes labels as IDX1.
     *
     * @param file the file to create or replace
     * @param labels at least one, each 0 to 255
     * @param gzip whether to gzip-compress the file
     * @throws InvalidConfigException if {@code labels} is empty or a label is outside 0…255
     * @throws DataIoException if the file cannot be written
     */
    public static void writeLabels(Path file, int[] labels, boolean gzip) {
        InvalidConfigException.require(labels.length >= 1, "labels.length", labels.length, "≥ 1");
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            InvalidConfigException.require(labels[i] >= 0 && labels[i] <= 255, "labels[" + i + "]", labels[i],
                    "0 to 255 (one unsigned byte)");
            bytes[i] = (byte) labels[i];
        }
        write(file, new int[] {labels.length}, bytes, gzip);
    }

    private static void write(Path file, int[] dims, byte[] payload, boolean gzip) {
        Path part = file.resolveSibling(DataFiles.fileName(file) + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(part);
                    OutputStream body = gzip ? new GZIPOutputStream(out, 1 << 16) : new BufferedOutputStream(out);
                    DataOutputStream data = new DataOutputStream(body)) {
                data.writeShort(0);
                data.writeByte(IdxHeader.TYPE_UNSIGNED_BYTE);
                data.writeByte(dims.length);
                for (int d : dims) {
                    data.writeInt(d);
                }
                data.write(payload);
            }
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(part, e);
            throw new DataIoException(file, "write", e);
        }
    }

    private static void deleteQuietly(Path part, IOException failure) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
