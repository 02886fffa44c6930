package dev.lipschitzw1.datasets.io;

import dev.lipschitzw1.datasets.ByteImageSet;
import dev.lipschitzw1.datasets.ImageShape;
import dev.lipschitzw1.errors.CorruptDataException;
import dev.lipschitzw1.errors.DataIoException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads IDX files of unsigned bytes (MNIST, Fashion-MNIST): images (IDX3, dimensions N×rows×columns) and labels
 * (IDX1, dimension N). The header layout is in {@link IdxHeader}'s documentation: magic 0x0000, type code 0x08, the
 * dimension count, then each dimension as a big-endian int32, then the payload, row-major.
 *
 * <p>Compression is detected from the content, not the file name: a file starting with the gzip magic 0x1F8B is
 * decompressed (strictly: CRC-32, length and trailing bytes are checked), anything else is read raw. Every header field
 * is validated (rows and columns 1 to 4096, count ≥ 1, N·rows·columns ≤ 2³¹ − 9) and the payload must have exactly the
 * promised length: a raw file's length is compared with the header before any pixel buffer is allocated; a gzip or
 * other stream is read in chunks with at most 64 MiB allocated before the data arrive, and a short payload or any byte
 * after it is an error. Pixel value = byte / 255; images come out 1×rows×columns.
 *
 * <p>Errors: {@link CorruptDataException} with the file, the (decompressed) byte offset, the field, the value found and
 * the one expected, e.g. {@code t10k-images-idx3-ubyte.gz: byte 2: IDX type code 0x0D (float32), expected 0x08
 * (unsigned byte)}; {@link DataIoException} when the file cannot be read. Nothing is returned partially filled.
 */
public final class IdxReader {
    private static final String[] IMAGE_DIMS = {"image count", "rows", "columns"};
    private static final String[] LABEL_DIMS = {"label count"};

    private IdxReader() {
    }

    /**
     * Reads an IDX3 file of unsigned-byte images, raw or gzip-compressed.
     *
     * @param file an IDX3 file ({@code *-images-idx3-ubyte}, optionally gzipped)
     * @return the images, shape 1×rows×columns, named after the file
     * @throws CorruptDataException if any header field, the payload length or the gzip stream is wrong
     * @throws DataIoException if the file is missing or unreadable
     */
    public static ByteImageSet readImages(Path file) {
        return images(file, readFile(file, IMAGE_DIMS, "images"));
    }

    /**
     * Reads an IDX3 image stream, raw or gzip-compressed, e.g. a classpath resource. The stream is read to its end but
     * not closed.
     *
     * @param in the IDX3 bytes, raw or gzipped
     * @param nameForMessages the name errors and the returned set use, e.g. the resource path
     * @return the images, shape 1×rows×columns, named after {@code nameForMessages}'s last element
     * @throws CorruptDataException if any header field, the payload length or the gzip stream is wrong
     * @throws DataIoException if reading the stream fails
     */
    public static ByteImageSet readImages(InputStream in, Path nameForMessages) {
        IdxPayload result;
        try {
            result = readStream(new BufferedInputStream(in), nameForMessages, IMAGE_DIMS, "images");
        } catch (IOException e) {
            throw new DataIoException(nameForMessages, "read", e);
        }
        return images(nameForMessages, result);
    }

    /**
     * Reads an IDX1 file of unsigned-byte labels, raw or gzip-compressed.
     *
     * @param file an IDX1 file ({@code *-labels-idx1-ubyte}, optionally gzipped)
     * @return the labels, each 0 to 255 as stored (MNIST: 0 to 9)
     * @throws CorruptDataException if any header field, the payload length or the gzip stream is wrong
     * @throws DataIoException if the file is missing or unreadable
     */
    public static int[] readLabels(Path file) {
        byte[] payload = readFile(file, LABEL_DIMS, "labels").bytes();
        int[] labels = new int[payload.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = payload[i] & 0xFF;
        }
        return labels;
    }

    private static ByteImageSet images(Path file, IdxPayload payload) {
        int[] dims = payload.header().dims();
        return new ByteImageSet(DataFiles.fileName(file), new ImageShape(1, dims[1], dims[2]), payload.bytes());
    }

    private static IdxPayload readFile(Path file, String[] dimNames, String kind) {
        try {
            long fileLength = DataFiles.regularFileSize(file);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), ReadLimits.CHUNK_BYTES)) {
                if (startsWithGzipMagic(in)) {
                    return readGzip(in, file, dimNames, kind);
                }
                TrackedInput tracked = new TrackedInput(in, file);
                IdxHeader header = IdxHeader.read(tracked, dimNames, kind);
                long want = (long) header.headerBytes() + header.payloadBytes();
                if (fileLength != want) {
                    throw new CorruptDataException(file, -1, "file length", fileLength + " bytes",
                            want + " bytes (" + header.headerBytes() + "-byte header + "
                                    + header.payloadDescription() + ")");
                }
                byte[] bytes = tracked.readExactly(header.payloadBytes(), true, "IDX payload",
                        header.payloadDescription());
                tracked.requireEnd("end of file after " + header.payloadDescription());
                return new IdxPayload(header, bytes);
            }
        } catch (IOException e) {
            throw new DataIoException(file, "read", e);
        }
    }

    private static IdxPayload readStream(BufferedInputStream in, Path name, String[] dimNames, String kind)
            throws IOException {
        if (startsWithGzipMagic(in)) {
            return readGzip(in, name, dimNames, kind);
        }
        return readPayload(new TrackedInput(in, name), dimNames, kind);
    }

    private static IdxPayload readGzip(InputStream in, Path file, String[] dimNames, String kind)
            throws IOException {
        try (StrictGzipInputStream gzip = new StrictGzipInputStream(in, file)) {
            return readPayload(new TrackedInput(gzip, file), dimNames, kind);
        }
    }

    /** Header, then exactly the promised payload from a stream of unknown length, then end of data. */
    private static IdxPayload readPayload(TrackedInput in, String[] dimNames, String kind) throws IOException {
        IdxHeader header = IdxHeader.read(in, dimNames, kind);
        byte[] bytes = in.readExactly(header.payloadBytes(), false, "IDX payload", header.payloadDescription());
        in.requireEnd("end of data after " + header.payloadDescription());
        return new IdxPayload(header, bytes);
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == StrictGzipInputStream.MAGIC_1 && b1 == StrictGzipInputStream.MAGIC_2;
    }

    /** A validated header and its payload. */
    private record IdxPayload(IdxHeader header, byte[] bytes) { }
}
